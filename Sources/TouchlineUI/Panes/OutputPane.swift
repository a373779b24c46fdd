import TouchlineCore

/// The Output pane: what the running (or last) action printed, newest at the bottom, following new
/// lines until the operator scrolls back; the top border says whether it runs, succeeded or failed.
enum OutputPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        guard let output = state.actionOutput else { return }
        let status: [Span]
        switch output.succeeded {
        case nil: status = [Span("⟳ running", .warn)]
        case true?: status = [Span("✔ done", .ok)]
        case false?: status = [Span("✖ failed", .critical)]
        }
        let content = PaneFrame.draw(.output, in: rect, focused: focused, titleExtra: [Span(" · " + output.title, .dim)],
                                     tag: status, into: &buffer)
        guard !content.isEmpty else { return }
        var lines = content
        if let steps = output.steps {
            let used = RehearsalSteps.draw(steps, now: state.now, in: content, into: &buffer)
            lines = Rect(x: content.x, y: content.y + used, width: content.width, height: max(0, content.height - used))
        }
        let visible = lines.height
        let end = max(0, output.lines.count - output.scrollBack)
        let first = max(0, end - visible)
        for (offset, line) in output.lines[first..<end].enumerated() {
            let role: StyleRole = line.hasPrefix("$ ") ? .key : (line.hasPrefix("✖ ") ? .critical : (line.hasPrefix("✔ ") ? .ok : .text))
            buffer.write(TextFit.truncate(TextFit.singleLine(line), to: lines.width), x: lines.x, y: lines.y + offset,
                         role: role, maxWidth: lines.width)
        }
        var note: [Span] = []
        if first > 0 || output.dropped > 0 { note.append(Span("↑ \(first + output.dropped) older", .dim)) }
        if output.scrollBack > 0 {
            note.append(Span((note.isEmpty ? "" : " · ") + "↓ \(output.scrollBack) newer (End follows)", .dim))
        } else if output.running {
            note.append(Span((note.isEmpty ? "" : " · ") + "following", .dim))
        }
        if !note.isEmpty { PaneFrame.bottomNote(note, in: rect, focused: focused, into: &buffer) }
    }
}
