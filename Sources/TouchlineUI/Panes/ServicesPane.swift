import FoundationEssentials
import TouchlineCore

/// The Services pane: one row per (filtered) probe with status, latency now and p95, a sparkline,
/// data age and the last error; stale rows are greyed out, the selected row highlighted when focused.
enum ServicesPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, probes: [ProbeState], in rect: Rect, focused: Bool,
                     into buffer: inout CellBuffer) {
        var titleExtra: [Span] = []
        if !state.filter.isEmpty || state.editingFilter {
            titleExtra = [Span(" /" + state.filter, .key), Span(" \(probes.count) of \(state.shownProbes.count)", .dim)]
        }
        let content = PaneFrame.draw(.services, in: rect, focused: focused, titleExtra: titleExtra,
                                     tag: countsTag(state.shownProbes), into: &buffer)
        guard content.height > 0, content.width > 0 else { return }
        guard !probes.isEmpty else {
            let message = state.shownProbes.isEmpty ? "no probes configured for \(state.environment.name)"
                                                     : "no service matches /\(state.filter)"
            PaneFrame.centeredMessage(message, role: .dim, in: content, into: &buffer)
            return
        }
        let longestName = probes.reduce(0) { max($0, DisplayWidth.of($1.config.name)) }
        let columns = ServiceColumns(width: content.width, longestName: longestName)
        drawHeadings(columns, sort: state.sort, at: content.row(0), into: &buffer)
        let visible = content.height - 1
        guard visible > 0 else { return }
        let selected = state.selectedRow(.services, count: probes.count)
        let lines = ServiceLine.lines(for: probes)
        let selectedLine = lines.firstIndex(of: .probe(selected)) ?? 0
        let first = max(0, min(selectedLine - visible + 1, lines.count - visible))
        for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            let y = content.y + 1 + offset
            let probe = probes[line.probeIndex]
            guard case .probe = line else {
                drawSubRow(line, columns: columns, x: content.x, y: y, width: content.width, into: &buffer)
                continue
            }
            drawRow(probe, state: state, columns: columns, x: content.x, y: y, into: &buffer)
            let rowRect = Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1)
            if probe.window.isStale(now: state.now, interval: probe.config.interval), probe.latest != nil {
                buffer.setRole(.stale, in: rowRect)
            }
            if focused && line == .probe(selected) {
                buffer.setRole(.selection, in: rowRect)
            }
        }
        let hidden = lines.count - first - visible
        if hidden > 0 {
            PaneFrame.bottomNote([Span("↓ \(hidden) more", .dim)], in: rect, focused: focused, into: &buffer)
        } else if first > 0 {
            PaneFrame.bottomNote([Span("↑ \(first) more", .dim)], in: rect, focused: focused, into: &buffer)
        }
    }

    /// `3 up · 1 down` for the top border.
    private static func countsTag(_ probes: [ProbeState]) -> [Span] {
        var spans: [Span] = []
        for status in [ProbeStatus.up, .degraded, .down, .unknown] {
            let count = probes.filter { $0.status == status }.count
            guard count > 0 else { continue }
            if !spans.isEmpty { spans.append(Span(" · ", .dim)) }
            spans.append(Span("\(count) \(status.rawValue)", StatusStyle.role(status)))
        }
        return spans
    }

    /// The column headings row.
    /// The column headings row; the sorted column's heading carries ▲ or ▼ (``ServicesSort/mark``) in
    /// the gap beside it: after a left-aligned heading, before a right-aligned one.
    private static func drawHeadings(_ columns: ServiceColumns, sort: ServicesSort, at row: Rect, into buffer: inout CellBuffer) {
        var cursor = ColumnCursor(x: row.x, y: row.y, gap: columns.gap)
        var markX: Int?
        func heading(_ text: String, _ column: ServicesSortColumn?, width: Int, alignment: Alignment = .left) {
            if let column, column == sort.column, width > 0 {
                markX = alignment == .left ? cursor.x + min(width, DisplayWidth.of(text))
                                           : cursor.x + max(0, width - DisplayWidth.of(text)) - 1
            }
            cursor.text(text, width: width, role: .header, alignment: alignment, into: &buffer)
        }
        heading("STATUS", .status, width: columns.status)
        heading("SERVICE", .name, width: columns.name)
        heading("KIND", nil, width: columns.kind)
        heading("LATENCY", .latency, width: columns.latency, alignment: .right)
        heading("P95 1m", .p95, width: columns.p95, alignment: .right)
        heading("HISTORY", nil, width: columns.history, alignment: .right)
        heading("AGE", .age, width: columns.age, alignment: .right)
        if let markX { buffer.put(Character(sort.mark), x: markX, y: row.y, role: .key) }
        cursor.text("DETAIL", width: columns.detail, role: .header, into: &buffer)
    }

    /// One probe's row (without selection or stale styling, applied by the caller).
    private static func drawRow(_ probe: ProbeState, state: DashboardState, columns: ServiceColumns, x: Int, y: Int,
                                into buffer: inout CellBuffer) {
        let status = probe.status
        let latest = probe.latest
        let warnAt = probe.config.latencyWarn ?? Double.infinity
        var cursor = ColumnCursor(x: x, y: y, gap: columns.gap)
        cursor.text(StatusStyle.label(status), width: columns.status, role: StatusStyle.role(status), into: &buffer)
        cursor.text(probe.config.name, width: columns.name, role: .text, into: &buffer)
        cursor.text(probe.config.kind.columnName, width: columns.kind, role: .dim, into: &buffer)
        let timedOut = latest?.timedOut ?? false
        let now = status == .down && !timedOut ? nil : latest?.latency
        let (nowText, nowRole) = latencyCell(now, atLeast: timedOut, warnAt: warnAt)
        cursor.text(nowText, width: columns.latency, role: nowRole, alignment: .right, into: &buffer)
        let minute = probe.window.stats(over: 60, now: state.now)
        let (p95Text, p95Role) = latencyCell(minute.p95, atLeast: minute.p95IsLowerBound, warnAt: warnAt)
        cursor.text(p95Text, width: columns.p95, role: p95Role, alignment: .right, into: &buffer)
        if columns.history > 0 {
            Sparkline.draw(points: probe.recentPoints(columns.history), in: Rect(x: cursor.x, y: y, width: columns.history, height: 1),
                           role: .graph, into: &buffer)
            cursor.skip(columns.history)
        }
        let age = latest.map { Format.age(state.now.timeIntervalSince($0.time)) } ?? "—"
        cursor.text(age, width: columns.age, role: .dim, alignment: .right, into: &buffer)
        let detail = detailSpans(probe, state: state)
        buffer.write(TextFit.truncate(detail, to: columns.detail), x: cursor.x, y: y, maxWidth: columns.detail)
    }

    /// A latency cell: `—` (dim) when there is no value, `≥2.0 s` (critical) for a lower bound set by
    /// checks that ran out of their deadline, `warn` over the probe's `latency_warn`, plain text otherwise.
    private static func latencyCell(_ latency: Double?, atLeast: Bool, warnAt: Double) -> (String, StyleRole) {
        guard let latency else { return ("—", .dim) }
        if atLeast { return (LatencyText.format(latency, atLeast: true, compact: true), .critical) }
        return (LatencyText.format(latency), latency > warnAt ? .warn : .text)
    }

    /// The detail column: stale marker, then the error, or the sample's headline numbers, or the target.
    private static func detailSpans(_ probe: ProbeState, state: DashboardState) -> [Span] {
        guard let latest = probe.latest else { return [Span("waiting for the first check", .dim)] }
        var spans: [Span] = []
        if let ack = state.coordination.acknowledgements[probe.config.name] { spans.append(Span(ack.mark + " · ", .warn)) }
        if probe.window.isStale(now: state.now, interval: probe.config.interval) {
            spans.append(Span("stale · ", .stale))
        }
        if let pending = probe.pendingText {
            spans.append(Span(pending + " · ", .dim))
        }
        if latest.error != nil {
            // The error, with the insecure-TLS warning in front when it applies.
            spans.append(Span(TextFit.singleLine(SampleSummary.detail(latest)), StatusStyle.role(latest.status)))
        } else {
            var detail = SampleSummary.detail(latest)
            if let version = latest.version { detail = detail.isEmpty ? version : "\(version) · \(detail)" }
            if detail.isEmpty { detail = probe.config.target.displayTarget }
            spans.append(Span(detail, .dim))
        }
        return spans
    }
}
