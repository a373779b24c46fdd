import TouchlineCore

/// The help box: every key action with its keys and summary, plus the digit and Esc keys; in two
/// columns when one does not fit the screen's height.
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
        let footer = "\(state.bindings.label(.help)) or Esc closes · actions ask first · keys: [keys] in config.toml"
        let columns = rows.count + 4 <= screen.height ? 1 : 2
        let perColumn = (rows.count + columns - 1) / columns
        let columnWidth = keyWidth + 2 + summaryWidth
        let gap = 3
        // As wide as the coordination line needs too (up to the screen): at 120x40 the one-column box cut it to
        // `(connected to…` while the 80x24 two-column box showed the store.
        let coordination = CoordinationText.model(state)
        let width = max(columns * columnWidth + (columns - 1) * gap, DisplayWidth.of(footer), DisplayWidth.of(coordination)) + 4
        let content = Dialog.frame(title: "Help · keys", width: min(width, screen.width - 2),
                                   height: min(perColumn + 4, screen.height), on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        let fitted = columns == 1 ? content.width : (content.width - gap) / 2
        for (index, row) in rows.enumerated() {
            let column = index / perColumn
            let line = index % perColumn
            guard line < content.height - 2 else { continue }
            let x = content.x + column * (fitted + gap)
            let y = content.y + line
            let keys = row.keys.isEmpty ? "—" : row.keys
            buffer.write(keys, in: Rect(x: x, y: y, width: keyWidth, height: 1), role: row.keys.isEmpty ? .dim : .key)
            buffer.write(TextFit.truncate(row.summary, to: max(0, fitted - keyWidth - 2)),
                         in: Rect(x: x + keyWidth + 2, y: y, width: max(0, fitted - keyWidth - 2), height: 1), role: .dialog)
        }
        buffer.write(TextFit.truncate(coordination, to: content.width), in: content.row(content.height - 2), role: .dim,
                     alignment: .center)
        buffer.write(TextFit.truncate(footer, to: content.width), in: content.row(content.height - 1), role: .dim, alignment: .center)
    }
}
