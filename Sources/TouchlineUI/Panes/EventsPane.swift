import TouchlineCore

/// The Events pane: status changes and touchline's own actions, newest first, coloured by status.
enum EventsPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        let events = state.events
        let tag = events.isEmpty ? [] : [Span(CountText.format(events.count, "event"), .dim)]
        let content = PaneFrame.draw(.events, in: rect, focused: focused, tag: tag, into: &buffer)
        guard !content.isEmpty else { return }
        guard !events.isEmpty else {
            PaneFrame.centeredMessage("no events yet", role: .dim, in: content, into: &buffer)
            return
        }
        let selected = state.selectedRow(.events, count: events.count)
        let visible = content.height
        // Zoomed, a long message (a report's path, a full error) wraps under itself instead of being cut.
        let wraps = state.zoomed && state.focus == .events
        let prefixWidth = DisplayWidth.of(Format.clock(events[0].time) + " ") + 2
        let messageWidth = max(1, content.width - prefixWidth)
        func rows(_ event: TimelineEvent) -> [String] {
            // Only another environment's events are tagged: the shown one's need no `[staging] `, which at 80x24
            // left `[production] postgres…` of a 25-cell message and no word of what happened.
            let tagged = state.environments.count > 1 && event.environment != nil && event.environment != state.environment.name
            let message = TextFit.singleLine(event.displayText(tagged: tagged))
            return wraps ? TextWrap.lines(message, width: messageWidth) : [TextFit.truncate(message, to: messageWidth)]
        }
        var first = max(0, min(selected - visible + 1, events.count - visible))
        if wraps {
            first = min(first, selected)
            while first < selected && events[first...selected].reduce(0, { $0 + rows($1).count }) > visible { first += 1 }
        }
        var y = content.y
        var shown = first
        while shown < events.count && y < content.maxY {
            let event = events[shown]
            var x = content.x
            x += buffer.write(Format.clock(event.time) + " ", x: x, y: y, role: .dim, maxWidth: content.maxX - x)
            let role = event.status.map(StatusStyle.role) ?? .text
            let glyph = event.status.map(StatusGlyph.glyph) ?? "•"
            x += buffer.write(glyph + " ", x: x, y: y, role: event.status == nil ? .dim : role, maxWidth: content.maxX - x)
            let top = y
            for line in rows(event) where y < content.maxY {
                buffer.write(line, x: content.x + prefixWidth, y: y, role: role, maxWidth: content.maxX - content.x - prefixWidth)
                y += 1
            }
            if focused && shown == selected {
                buffer.setRole(.selection, in: Rect(x: content.x - 1, y: top, width: content.width + 2, height: y - top))
            }
            shown += 1
        }
        let hidden = events.count - shown
        if hidden > 0 {
            PaneFrame.bottomNote([Span("↓ \(hidden) older", .dim)], in: rect, focused: focused, into: &buffer)
        }
    }
}
