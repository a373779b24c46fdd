import TouchlineCore

/// The help box: every key action with its keys and summary, plus the digit and Esc keys.
enum HelpOverlay {
    /// The rows of the help: key labels and what they do, every ``KeyAction`` first.
    static func rows(_ bindings: KeyBindings) -> [(keys: String, summary: String)] {
        KeyAction.allCases.map { (bindings.label($0), $0.summary) }
            + [("1-9", "jump to environment"), (KeyPress.escape.label, "close/cancel")]
    }

    /// Draws the help box centred on `screen`.
    static func draw(_ state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let rows = rows(state.bindings)
        let keyWidth = max(5, rows.reduce(0) { max($0, DisplayWidth.of($1.keys)) })
        let summaryWidth = rows.reduce(0) { max($0, DisplayWidth.of($1.summary)) }
        let footer = "\(state.bindings.label(.help)) or Esc closes · keys are set in [keys] of config.toml"
        let width = max(keyWidth + 3 + summaryWidth, DisplayWidth.of(footer)) + 4
        let content = Dialog.frame(title: "Help · keys", width: min(width, screen.width - 2),
                                   height: rows.count + 4, on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        for (index, row) in rows.enumerated() where index < content.height - 2 {
            let y = content.y + index
            let keys = row.keys.isEmpty ? "—" : row.keys
            buffer.write(keys, in: Rect(x: content.x, y: y, width: keyWidth, height: 1), role: row.keys.isEmpty ? .dim : .key)
            buffer.write(row.summary, in: Rect(x: content.x + keyWidth + 3, y: y, width: content.width - keyWidth - 3, height: 1),
                         role: .dialog)
        }
        buffer.write(footer, in: content.row(content.height - 1), role: .dim, alignment: .center)
    }
}
