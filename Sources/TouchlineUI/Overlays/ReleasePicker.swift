import TouchlineCore

/// The release picker of a rollback: releases newest first, the running one marked, the highlighted one
/// (preselected: the release before the running one) in the selection colour.
enum ReleasePicker {
    /// Draws the picker for `choice`, centred on `screen`.
    static func draw(_ choice: ReleaseChoice, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let keys = state.bindings
        let footer = "\(keys.label(.up)) \(keys.label(.down)) move · Enter choose · Esc cancel"
        let nameWidth = choice.releases.reduce(8) { max($0, DisplayWidth.of($1)) }
        let width = max(nameWidth + 16, DisplayWidth.of(footer)) + 4
        let rows = min(choice.releases.count, max(1, screen.height - 6))
        let content = Dialog.frame(title: "Roll back \(state.environment.label) to…", width: min(width, screen.width - 2),
                                   height: rows + 4, on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        let first = max(0, choice.selected - rows + 1)
        for (index, release) in choice.releases.enumerated().dropFirst(first).prefix(rows) {
            let y = content.y + index - first
            let selected = index == choice.selected
            if selected {
                buffer.fill(Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1), role: .selection)
            }
            let x = content.x + buffer.write(" " + release, x: content.x, y: y, role: selected ? .selection : .dialog,
                                             maxWidth: nameWidth + 1) + 2
            if release == choice.current {
                buffer.write("● running", x: max(x, content.x + nameWidth + 3), y: y, role: selected ? .selection : .ok,
                             maxWidth: content.maxX - x)
            }
        }
        buffer.write(TextFit.truncate(footer, to: content.width), x: content.x, y: content.maxY - 1, role: .dim,
                     maxWidth: content.width)
    }
}
