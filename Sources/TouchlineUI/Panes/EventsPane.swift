import TouchlineCore

/// The Events pane: status changes and touchline's own actions, newest first, coloured by status.
enum EventsPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        let events = state.events
        let tag = events.isEmpty ? [] : [Span("\(events.count) event\(events.count == 1 ? "" : "s")", .dim)]
        let content = PaneFrame.draw(.events, in: rect, focused: focused, tag: tag, into: &buffer)
        guard !content.isEmpty else { return }
        guard !events.isEmpty else {
            PaneFrame.centeredMessage("no events yet", role: .dim, in: content, into: &buffer)
            return
        }
        let selected = state.selectedRow(.events, count: events.count)
        let visible = content.height
        let first = max(0, min(selected - visible + 1, events.count - visible))
        for (offset, event) in events.dropFirst(first).prefix(visible).enumerated() {
            let y = content.y + offset
            var x = content.x
            x += buffer.write(Format.clock(event.time) + " ", x: x, y: y, role: .dim, maxWidth: content.maxX - x)
            let role = event.status.map(StatusStyle.role) ?? .text
            let glyph = event.status.map(StatusGlyph.glyph) ?? "•"
            x += buffer.write(glyph + " ", x: x, y: y, role: event.status == nil ? .dim : role, maxWidth: content.maxX - x)
            let text = event.displayText(tagged: state.environments.count > 1)
            let message = TextFit.truncate(TextFit.singleLine(text), to: content.maxX - x)
            buffer.write(message, x: x, y: y, role: role, maxWidth: content.maxX - x)
            if focused && first + offset == selected {
                buffer.setRole(.selection, in: Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1))
            }
        }
        let hidden = events.count - first - visible
        if hidden > 0 {
            PaneFrame.bottomNote([Span("↓ \(hidden) older", .dim)], in: rect, focused: focused, into: &buffer)
        }
    }
}
