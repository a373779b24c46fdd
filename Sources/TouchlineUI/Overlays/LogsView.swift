import TouchlineCore

/// The Logs view over the whole screen: the service's log, newest at the bottom, coloured by level,
/// search matches highlighted, with a header line (source, following or scrolled back, counts) and the
/// view's keys (or the search being typed) at the bottom.
enum LogsView {
    /// Draws `view` over `screen`.
    static func draw(_ view: LogView, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let content = Dialog.frame(title: "Logs · \(view.service) · \(state.environment.label)", width: screen.width,
                                   height: screen.height, on: screen, role: .text, into: &buffer)
        guard content.height >= 4, content.width >= 20 else { return }
        let area = Rect(x: content.x, y: content.y + 2, width: content.width, height: content.height - 3)
        let rows = self.rows(view, width: area.width - 1, height: area.height)
        for (offset, row) in rows.rows.enumerated() {
            let y = area.y + area.height - rows.rows.count + offset
            if row.current { buffer.write("›", x: area.x, y: y, role: .key) }
            buffer.write(row.spans, x: area.x + 1, y: y, maxWidth: area.width - 1)
        }
        if rows.rows.isEmpty {
            let empty = view.ring.count == 0 ? (view.ended ? "the stream ended without a line" : "waiting for lines…")
                : "no \(view.level.rawValue) lines among the \(view.ring.count) kept (f shows more levels)"
            buffer.write(empty, x: area.x + 1, y: area.y, role: .dim, maxWidth: area.width - 1)
        }
        header(view, linesDrawn: rows.lines, in: content, into: &buffer)
        footer(view, state: state, in: Rect(x: content.x, y: content.maxY - 1, width: content.width, height: 1), into: &buffer)
    }

    /// The source and the stream's state on the first row; the counts on the second.
    private static func header(_ view: LogView, linesDrawn: Int, in content: Rect, into buffer: inout CellBuffer) {
        let around = view.shownAround
        let older = max(0, around.throughBottom - linesDrawn)
        let status: Span
        if !view.following {
            status = Span("⏸ scrolled back · ↓ \(around.newer) newer (End follows)", .warn)
        } else if view.ended {
            status = Span("■ ended", .critical)
        } else {
            status = Span("● following", .ok)
        }
        let statusWidth = status.width
        let sourceWidth = max(0, content.width - statusWidth - 2)
        buffer.write(TextFit.truncate(view.source, to: sourceWidth), x: content.x, y: content.y, role: .dim, maxWidth: sourceWidth)
        buffer.write(TextFit.truncate([status], to: content.width), x: max(content.x, content.maxX - statusWidth), y: content.y,
                     maxWidth: content.width)
        var counts: [PriorityRow.Item] = [PriorityRow.Item([Span(CountText.format(view.ring.count, "line") + " kept", .text)], priority: 1)]
        if older > 0 { counts.append(PriorityRow.Item([Span("↑ \(older) older", .dim)], priority: 2)) }
        counts.append(PriorityRow.Item([Span("\(view.dropped) dropped", view.dropped > 0 ? .warn : .dim)], priority: view.dropped > 0 ? 1 : 5))
        if view.cut > 0 { counts.append(PriorityRow.Item([Span("\(view.cut) cut", .warn)], priority: 1)) }
        if view.ring.evicted > 0 { counts.append(PriorityRow.Item([Span("\(view.ring.evicted) rolled off", .dim)], priority: 4)) }
        counts.append(PriorityRow.Item([Span("level ", .dim), Span(view.level.rawValue, view.level == .all ? .text : .warn)],
                                       priority: view.level == .all ? 3 : 0))
        counts.append(PriorityRow.Item([Span("wrap \(view.wrap ? "on" : "off")", .dim)], priority: 4))
        if !view.search.isEmpty && !view.editingSearch { counts.append(PriorityRow.Item([Span("/" + view.search, .key)], priority: 0)) }
        buffer.write(PriorityRow.joined(counts, width: content.width, separator: Span(" · ", .dim)), x: content.x, y: content.y + 1,
                     maxWidth: content.width)
    }

    private static func footer(_ view: LogView, state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        if view.editingSearch {
            buffer.write([Span("/", .key), Span(view.search + "▏", .text), Span("  Enter search · Esc cancel", .dim)],
                         x: rect.x, y: rect.y, maxWidth: rect.width)
            return
        }
        let keys = "↑/↓ PgUp/PgDn Home/End scroll · / search · n/N older/newer match · f level · w wrap"
            + (view.wrap ? "" : " · ←/→ sideways") + " · Esc close"
        buffer.write(TextFit.truncate(keys, to: rect.width), x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
    }

    /// One screen row: its spans and whether it belongs to the current match.
    struct Row {
        var spans: [Span]
        var current: Bool
    }

    /// The rows ending at the bottom line shown, `height` at most, each `width` columns.
    static func rows(_ view: LogView, width: Int, height: Int) -> (rows: [Row], lines: Int) {
        guard height > 0, width > 0, let bottom = view.bottomShown else { return ([], 0) }
        var rows: [Row] = []
        var sequence = bottom
        var lines = 0
        while sequence >= view.ring.firstSequence && rows.count < height {
            defer { sequence -= 1 }
            guard let line = view.ring[sequence: sequence], view.level.passes(line) else { continue }
            lines += 1
            let spans = spans(line, search: view.search)
            let current = view.match == sequence
            if view.wrap {
                let wrapped = wrap(spans, width: width).map { Row(spans: $0, current: current) }
                rows.insert(contentsOf: wrapped, at: 0)
            } else {
                rows.insert(Row(spans: skip(spans, columns: view.column), current: current), at: 0)
            }
        }
        return (Array(rows.suffix(height)), lines)
    }

    /// The line in its level's role, with the search's matches in the selection role.
    static func spans(_ line: LogLine, search: String) -> [Span] {
        let role: StyleRole
        switch line.level {
        case .error: role = .critical
        case .warn: role = .warn
        case .other: role = line.notice ? .notice : .text
        }
        let matches = search.isEmpty ? [] : LogSearch.ranges(of: search, in: line.text)
        guard !matches.isEmpty else { return [Span(line.text, role)] }
        var spans: [Span] = []
        var index = line.text.startIndex
        for match in matches {
            if index < match.lowerBound { spans.append(Span(String(line.text[index..<match.lowerBound]), role)) }
            spans.append(Span(String(line.text[match]), .selection))
            index = match.upperBound
        }
        if index < line.text.endIndex { spans.append(Span(String(line.text[index...]), role)) }
        return spans
    }

    /// `spans` broken into rows of at most `width` columns (a character is never split).
    static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        var rows: [[Span]] = [[]]
        var used = 0
        for span in spans {
            var piece = ""
            for character in span.text {
                let columns = DisplayWidth.of(character)
                if used + columns > width && used > 0 {
                    if !piece.isEmpty { rows[rows.count - 1].append(Span(piece, span.role)) }
                    rows.append([])
                    piece = ""
                    used = 0
                }
                piece.append(character)
                used += columns
            }
            if !piece.isEmpty { rows[rows.count - 1].append(Span(piece, span.role)) }
        }
        return rows
    }

    /// `spans` without their first `columns` columns (wrap off, scrolled sideways).
    static func skip(_ spans: [Span], columns: Int) -> [Span] {
        guard columns > 0 else { return spans }
        var left = columns
        var result: [Span] = []
        for span in spans {
            if left <= 0 {
                result.append(span)
                continue
            }
            var kept = ""
            for character in span.text {
                if left > 0 { left -= DisplayWidth.of(character) } else { kept.append(character) }
            }
            if !kept.isEmpty { result.append(Span(kept, span.role)) }
        }
        return result
    }
}
