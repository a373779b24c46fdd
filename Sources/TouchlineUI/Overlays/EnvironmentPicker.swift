import TouchlineCore

/// The environment picker: environments numbered 1-9 with their label, protected marker, the current
/// one marked and the selected one highlighted.
enum EnvironmentPicker {
    /// Draws the picker with row `selected` highlighted, centred on `screen`.
    static func draw(_ state: DashboardState, selected: Int, on screen: Rect, into buffer: inout CellBuffer) {
        let environments = state.environments
        let labelWidth = environments.reduce(5) { max($0, DisplayWidth.of($1.label)) }
        let nameWidth = environments.reduce(4) { max($0, DisplayWidth.of($1.name)) }
        let keys = state.bindings
        let footer = "\(keys.label(.up)) \(keys.label(.down)) move · Enter switch · 1-9 jump · Esc cancel"
        let rowWidth = 4 + labelWidth + 2 + nameWidth + 2 + DisplayWidth.of(" protected ") + 2 + DisplayWidth.of("● current")
        let width = max(rowWidth, DisplayWidth.of(footer)) + 4
        let listHeight = min(environments.count, max(1, screen.height - 6))
        let content = Dialog.frame(title: "Switch environment", width: min(width, screen.width - 2),
                                   height: listHeight + 4, on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        let highlighted = min(max(selected, 0), max(0, environments.count - 1))
        let first = max(0, highlighted - listHeight + 1)
        for (index, environment) in environments.enumerated().dropFirst(first).prefix(listHeight) {
            let y = content.y + index - first
            let selected = index == highlighted
            if selected {
                buffer.fill(Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1), role: .selection)
            }
            func role(_ normal: StyleRole) -> StyleRole { selected ? .selection : normal }
            var x = content.x
            let number = index < 9 ? "\(index + 1)" : " "
            x += buffer.write(" " + number + "  ", x: x, y: y, role: role(.key))
            buffer.write(environment.label, in: Rect(x: x, y: y, width: labelWidth, height: 1), role: role(.dialog))
            x += labelWidth + 2
            buffer.write(environment.name, in: Rect(x: x, y: y, width: nameWidth, height: 1), role: role(.dim))
            x += nameWidth + 2
            if environment.protected {
                x += buffer.write(" protected ", x: x, y: y, role: .envProduction, maxWidth: content.maxX - x) + 2
            }
            if index == state.environmentIndex {
                buffer.write("● current", x: x, y: y, role: role(.ok), maxWidth: content.maxX - x)
            }
        }
        buffer.write(footer, in: content.row(content.height - 1), role: .dim, alignment: .center)
    }
}
