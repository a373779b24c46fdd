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
        let visible = content.height
        let end = max(0, output.lines.count - output.scrollBack)
        let first = max(0, end - visible)
        for (offset, line) in output.lines[first..<end].enumerated() {
            let role: StyleRole = line.hasPrefix("$ ") ? .key : (line.hasPrefix("✖ ") ? .critical : (line.hasPrefix("✔ ") ? .ok : .text))
            buffer.write(TextFit.truncate(TextFit.singleLine(line), to: content.width), x: content.x, y: content.y + offset,
                         role: role, maxWidth: content.width)
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
