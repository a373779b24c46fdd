import FoundationEssentials
import TouchlineCore

/// The Sessions view (key `a`): the sessions of a postgres probe's server in three modes (running, waiting,
/// blocking with the chains indented), durations coloured as in the Database pane, idle-in-transaction sessions
/// past the threshold marked `▲`, other touchlines' sessions `◆`; the selected session's query whole (Enter);
/// the keys and the last cancel/terminate result at the bottom.
enum SessionsView {
    /// Draws the view over the whole body of `screen`, between the header and the footer.
    static func draw(_ state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        guard let view = state.sessionsView else { return }
        let box = Rect(x: screen.x, y: screen.y + 1, width: screen.width, height: max(0, screen.height - 2))
        buffer.fill(box, role: .dialog)
        buffer.drawBox(box, style: .double, role: .dialog, title: title(view, state: state), titleRole: .title)
        let content = box.inset(by: 1).inset(horizontal: 1, vertical: 0)
        guard content.height >= 6, content.width >= 40 else { return }
        drawModes(view, state: state, in: content.row(0), into: &buffer)
        let columns = SessionsColumns.fitting(content.width, mode: view.mode)
        var x = content.x
        for column in columns {
            buffer.write(TextFit.pad(column.title, to: column.width), x: x, y: content.y + 1, role: .label, maxWidth: column.width)
            x += column.width + 1
        }
        buffer.write("STATEMENT", x: x, y: content.y + 1, role: .label, maxWidth: content.maxX - x)
        let rows = view.rows
        let bottom = bottomLines(view, state: state, width: content.width)
        let listHeight = max(1, content.height - 2 - bottom.count)
        if rows.isEmpty {
            let text = view.list == nil ? (view.error == nil ? "reading pg_stat_activity…" : "no answer yet") : emptyText(view.mode)
            buffer.write(text, x: content.x, y: content.y + 2, role: .dim, maxWidth: content.width)
        }
        let highlighted = view.selected.map { min(max(0, $0), max(0, rows.count - 1)) }
        let first = max(0, (highlighted ?? 0) - listHeight + 1)
        for (index, row) in rows.enumerated().dropFirst(first).prefix(listHeight) {
            let y = content.y + 2 + index - first
            let selected = index == highlighted
            if selected { buffer.fill(Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1), role: .selection) }
            var x = content.x
            for column in columns {
                let span = column.cell(row, view)
                buffer.write(TextFit.truncate(span.text, to: column.width), x: x, y: y, role: selected ? .selection : span.role,
                             maxWidth: column.width)
                x += column.width + 1
            }
            // Cut with `…` like every other cell: a statement cut silently reads as whole (`… from teams` for `… from teams;`).
            buffer.write(TextFit.truncate(row.session.firstLine, to: max(0, content.maxX - x)), x: x, y: y,
                         role: selected ? .selection : .text, maxWidth: content.maxX - x)
        }
        for (offset, line) in bottom.enumerated() {
            buffer.write(line.text, x: content.x, y: content.maxY - bottom.count + offset, role: line.role, maxWidth: content.width)
        }
    }

    /// `Sessions · postgres · STAGING · 3 active, 480 idle, 2 idle in tx, 1 waiting`.
    static func title(_ view: SessionsViewState, state: DashboardState) -> String {
        var title = "Sessions · \(view.probe) · \(state.environment.label)"
        if let counts = view.counts {
            title += " · \(counts.active) active, \(counts.idle) idle, \(counts.idleInTransaction) idle in tx, \(counts.waiting) waiting"
        }
        return title
    }

    private static func drawModes(_ view: SessionsViewState, state: DashboardState, in row: Rect, into buffer: inout CellBuffer) {
        var x = row.x
        for (index, mode) in SessionsMode.allCases.enumerated() {
            let count = view.list == nil ? nil : view.modeCounts[mode]
            let label = "\(index + 1) \(mode.rawValue)" + (count.map { " \($0)" } ?? "")
            let text = mode == view.mode ? "[\(label)]" : " \(label) "
            x += buffer.write(text, x: x, y: row.y, role: mode == view.mode ? .selection : .text, maxWidth: row.maxX - x) + 1
        }
        let status = PriorityRow.joined(statusItems(view, state: state), width: max(0, row.maxX - x - 1), separator: Span(" · ", .dim))
        let width = status.reduce(0) { $0 + $1.width }
        buffer.write(status, x: row.maxX - width, y: row.y, maxWidth: width)
    }

    /// The status at the right of the modes row, most important first: live or frozen, the workers shown,
    /// the read's age, the query's time; a narrow row drops whole items, never half a unit.
    static func statusItems(_ view: SessionsViewState, state: DashboardState) -> [PriorityRow.Item] {
        var items: [PriorityRow.Item] = []
        if view.frozen {
            items.append(PriorityRow.Item([Span("❄ frozen: r re-reads, Esc lets go", .warn)], priority: 0))
        } else {
            items.append(PriorityRow.Item([Span(view.loading && view.list == nil ? "reading…" : "live", .ok)], priority: 0))
            if let readAt = view.readAt {
                items.append(PriorityRow.Item([Span("read \(Format.age(state.now.timeIntervalSince(readAt))) ago", .dim)], priority: 2))
            }
        }
        if let seconds = view.querySeconds { items.append(PriorityRow.Item([Span("query \(Format.duration(seconds))", .dim)], priority: 3)) }
        if view.showWorkers { items.append(PriorityRow.Item([Span("workers shown", .dim)], priority: 1)) }
        return items
    }

    /// The lines under the list: the expanded query, the error, the last result, the keys.
    private static func bottomLines(_ view: SessionsViewState, state: DashboardState, width: Int) -> [(text: String, role: StyleRole)] {
        var lines: [(text: String, role: StyleRole)] = []
        if view.expanded, let row = view.selectedRow {
            let session = row.session
            lines.append((String(repeating: "─", count: width), .dim))
            lines += SessionSignal(probe: view.probe, session: session, listed: true).lines.dropLast().map { ($0, StyleRole.text) }
            let wrapped = session.query.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { TextWrap.lines(String($0), width: max(1, width)) }
            lines += wrapped.prefix(max(3, state.height / 3)).map { ($0, StyleRole.text) }
        }
        if let error = view.error { lines.append(("✖ \(error)", .critical)) }
        if let result = view.lastResult { lines.append((result, result.hasPrefix("✖") ? .critical : .ok)) }
        var keys = ["↑/↓ select", "1-3 mode", "Enter query", "r re-read", "w workers"]
        if !state.readOnly { keys += ["x cancel the query", "X terminate the session"] }
        keys.append("Esc \(view.frozen ? "let go" : "close")")
        lines.append((keys.joined(separator: "  "), .dim))
        return lines
    }

    private static func emptyText(_ mode: SessionsMode) -> String {
        switch mode {
        case .running: return "no running sessions (every client session is idle)"
        case .waiting: return "no session is waiting on a lock"
        case .blocking: return "no session blocks another"
        }
    }
}
