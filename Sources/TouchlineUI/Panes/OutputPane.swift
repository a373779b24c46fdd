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
        case false?:
            // Refused (the lock held) or cancelled is not a failure of the action: the border says which.
            let word = output.outcome ?? "failed"
            status = [Span("✖ " + word, word == "cancelled" ? .warn : .critical)]
        }
        let content = PaneFrame.draw(.output, in: rect, focused: focused, titleExtra: [Span(" · " + output.title, .dim)],
                                     tag: status, into: &buffer)
        guard !content.isEmpty else { return }
        var lines = content
        if let steps = output.steps {
            let used = RehearsalSteps.draw(steps, now: state.now, in: content, into: &buffer)
            lines = Rect(x: content.x, y: content.y + used, width: content.width, height: max(0, content.height - used))
        }
        let (rows, first, end) = fill(output, rows: lines.height, width: lines.width)
        for (offset, row) in rows.enumerated() {
            buffer.write(row.text, x: lines.x, y: lines.y + offset, role: row.role, maxWidth: lines.width)
        }
        let newer = output.lines.count - end
        var note: [Span] = []
        if first > 0 || output.dropped > 0 { note.append(Span("↑ \(first + output.dropped) older", .dim)) }
        if newer > 0 {
            note.append(Span((note.isEmpty ? "" : " · ") + "↓ \(newer) newer (End follows)", .dim))
        } else if output.running {
            note.append(Span((note.isEmpty ? "" : " · ") + "following", .dim))
        }
        if !note.isEmpty { PaneFrame.bottomNote(note, in: rect, focused: focused, into: &buffer) }
    }

    /// The rows to show, each output line wrapped to `width` (a long path or command is never cut): the
    /// lines ending where the operator scrolled to, and, when the older lines run out before the pane is
    /// full (Home), newer ones below so the pane fills its rows. Returns the rows and the range of output
    /// lines shown (`first..<end`).
    private static func fill(_ output: ActionOutput, rows visible: Int, width: Int)
        -> (rows: [(text: String, role: StyleRole)], first: Int, end: Int) {
        guard visible > 0 else { return ([], output.lines.count, output.lines.count) }
        let count = output.lines.count
        var end = max(0, count - output.scrollBack)
        var first = end
        var rows: [(text: String, role: StyleRole)] = []
        while first > 0 && rows.count < visible {
            first -= 1
            rows.insert(contentsOf: wrapped(output.lines[first], width: width), at: 0)
        }
        if rows.count > visible { return (Array(rows.suffix(visible)), first, end) }
        while end < count && rows.count < visible {
            rows.append(contentsOf: wrapped(output.lines[end], width: width))
            end += 1
        }
        return (Array(rows.prefix(visible)), first, end)
    }

    /// One output line as rows of `width` columns, in the line's colour (`$ ` commands, `✖ ` / `✔ ` results).
    private static func wrapped(_ line: String, width: Int) -> [(text: String, role: StyleRole)] {
        let role: StyleRole = line.hasPrefix("$ ") ? .key : (line.hasPrefix("✖ ") ? .critical : (line.hasPrefix("✔ ") ? .ok : .text))
        return TextWrap.lines(line, width: width).map { ($0, role) }
    }
}
