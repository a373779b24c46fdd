import FoundationEssentials
import TouchlineCore

/// The top line: environment, overall status, poll interval, PAUSED / READ-ONLY badges, filter and clock.
enum HeaderBar {
    /// Draws the header into `rect` (one row); items are dropped least important first when narrow.
    static func draw(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: .header)
        let environment = state.environment
        let status = state.overallStatus
        var items: [PriorityRow.Item] = [
            PriorityRow.Item([Span(" \(environment.label) ", environment.protected ? .envProduction : .envStaging)], priority: 0),
            PriorityRow.Item([Span(StatusGlyph.glyph(status) + " " + status.rawValue.uppercased(), StatusStyle.role(status))],
                             priority: 1),
        ]
        let troubled = state.shownProbes.filter { !$0.config.optional && $0.status == status && status != .up }.map(\.config.name)
        if !troubled.isEmpty {
            let names = troubled.count > 3 ? troubled.prefix(3).joined(separator: ", ") + " +\(troubled.count - 3)"
                                           : troubled.joined(separator: ", ")
            items.append(PriorityRow.Item([Span(names, StatusStyle.role(status))], priority: 6))
        }
        let optionalDown = state.optionalDown.count
        if optionalDown > 0 {
            items.append(PriorityRow.Item([Span("\(optionalDown) optional down", .dim)], priority: 6))
        }
        if state.paused { items.append(PriorityRow.Item([Span(" PAUSED ", .paused)], priority: 2)) }
        if let remaining = state.unlockRemaining {
            let seconds = Int(clampingFinite: remaining.rounded(.up))
            items.append(PriorityRow.Item([Span(" UNLOCKED \(seconds / 60):\(DecimalText.zeroPadded(seconds % 60, width: 2)) ", .warn)], priority: 3))
        } else if state.actionsLocked {
            items.append(PriorityRow.Item([Span(" READ-ONLY ", .readOnly)], priority: 3))
        }
        if let drift = state.configSnapshots?.drift { items.append(PriorityRow.Item([Span("▲ " + drift, .warn)], priority: 4)) }
        if let spans = AlertStyle.headerSpans(state.alerting, configured: environment.alerts != nil) {
            items.append(PriorityRow.Item(spans, priority: 2))
        }
        if let warning = state.backupWarning { items.append(PriorityRow.Item([Span("▲ " + warning, .warn)], priority: 4)) }
        items.append(PriorityRow.Item([Span("poll ", .dim), Span(DurationText.format(environment.interval), .header)], priority: 5))
        if let holder = CoordinationText.holder(state.coordination) { items.append(PriorityRow.Item([Span("▲ " + holder, .warn)], priority: 2)) }
        if let watching = CoordinationText.watching(state.coordination) { items.append(PriorityRow.Item([Span(watching, .dim)], priority: 4)) }
        if !state.filter.isEmpty {
            items.append(PriorityRow.Item([Span("filter ", .dim), Span("/" + state.filter, .key)], priority: 4))
        }
        var right = [Span(Format.clock(state.now), .header), Span(" UTC", .dim)]
        if rect.width >= 100 { right.insert(Span("touchline  ", .dim), at: 0) }
        let rightWidth = right.reduce(0) { $0 + $1.width }
        let leftWidth = rect.width - rightWidth - 2
        PriorityRow.draw(items, x: rect.x, y: rect.y, width: leftWidth, gap: 2, gapRole: .header, into: &buffer)
        buffer.write(right, x: rect.maxX - rightWidth - 1, y: rect.y)
    }
}
