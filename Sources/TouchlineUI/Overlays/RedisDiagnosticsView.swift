import FoundationEssentials
import TouchlineCore

/// The Redis diagnostics view (key `d`): the slow log, latency monitor, clients, both doctors and the keyspace
/// of one redis probe's server, in a box over the dashboard, scrolled by the panel's offset.
///
/// The first row names the server and when it was read; the sections follow (``RedisDiagnosticsLines``); the last
/// row gives the keys and the scroll position. A refused command's line is drawn in the warning role.
enum RedisDiagnosticsView {
    /// Draws `panel` centred on `screen`.
    static func draw(_ panel: RedisDiagnosticsPanel, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let layout = RedisDiagnosticsPanel.layout(width: screen.width, height: screen.height)
        let content = Dialog.frame(title: "Redis diagnostics · \(panel.probe.name) · \(state.environment.label)",
                                   width: layout.boxWidth, height: layout.boxHeight, on: screen, into: &buffer)
        guard content.height >= 3 else { return }
        var subtitle = panel.probe.target.displayTarget
        if let diagnostics = panel.diagnostics {
            let date = UTCTimestamp.format(diagnostics.takenAt)
            subtitle += " · read \(date.dropFirst(11).prefix(8)) UTC (\(AgeText.format(state.now.timeIntervalSince(diagnostics.takenAt))) ago)"
        }
        if panel.loading { subtitle += panel.diagnostics == nil ? " · reading…" : " · refreshing…" }
        buffer.write(TextFit.truncate(subtitle, to: content.width), x: content.x, y: content.y, role: .dim, maxWidth: content.width)
        let lines = panel.lines(in: state)
        let body = layout.bodyHeight
        let first = max(0, min(panel.scroll, lines.count - body))
        for (offset, line) in lines.dropFirst(first).prefix(body).enumerated() {
            buffer.write(TextFit.truncate(line.text, to: content.width), x: content.x, y: content.y + 1 + offset,
                         role: role(line.kind), maxWidth: content.width)
        }
        let keys = state.bindings
        let position = lines.count > body ? "lines \(first + 1)–\(min(lines.count, first + body)) of \(lines.count) · " : ""
        let footer = position + "\(keys.label(.up)) \(keys.label(.down)) PgUp PgDn scroll · \(keys.label(.focusNext)) next section · "
            + "\(keys.label(.refresh)) refresh · Esc close"
        buffer.write(TextFit.truncate(footer, to: content.width), x: content.x, y: content.maxY - 1, role: .dim, maxWidth: content.width)
    }

    /// The footer's hint for `d` (read-only, so shown in locked environments too): on a selected redis
    /// Services row and on the focused Redis pane.
    static func hints(_ state: DashboardState) -> [PriorityRow.Item] {
        let key = state.bindings.label(.redisDiagnostics)
        guard !key.isEmpty, !state.editingFilter else { return [] }
        var probe: ProbeConfig?
        if state.focus == .redis {
            probe = state.redisProbe?.config
        } else if state.focus == .services {
            let probes = state.filteredProbes
            if !probes.isEmpty { probe = probes[state.selectedRow(.services, count: probes.count)].config }
        }
        guard let probe, probe.kind == .redis else { return [] }
        return [PriorityRow.Item([Span(key, .key), Span(" diagnostics \(probe.name)", .footer)], priority: 3)]
    }

    private static func role(_ kind: RedisDiagnosticsLine.Kind) -> StyleRole {
        switch kind {
        case .heading: return .title
        case .columns: return .label
        case .row, .prose: return .dialog
        case .note: return .dim
        case .problem: return .warn
        }
    }
}
