import TouchlineCore

/// The confirmation dialog of an operator action: the action, the environment in its colour, the exact
/// command lines, what will change, and Cancel / Confirm with Cancel focused first (or the typed name
/// a protected environment asks for).
enum ConfirmDialog {
    /// Draws the dialog for `request`, centred on `screen`.
    static func draw(_ request: ActionRequest, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let width = min(screen.width - 4, 96)
        let commandRows = request.commands.reduce(0) { $0 + max(1, (DisplayWidth.of($1) + width - 7) / max(1, width - 6)) }
        let height = min(screen.height - 2, 9 + commandRows)
        let role: StyleRole = request.requiresTypedName ? .dialogDanger : .dialog
        let name = [request.action, request.target].compactMap { $0 }.joined(separator: " ")
        let content = Dialog.frame(title: "Confirm \(name)", width: width, height: height, on: screen,
                                   role: role, into: &buffer)
        guard content.height >= 5 else { return }
        var y = content.y
        var x = content.x
        x += buffer.write("\(name) on ", x: x, y: y, role: role)
        let envRole: StyleRole = state.environment.protected ? .envProduction : .envStaging
        buffer.write(" \(state.environment.label) ", x: x, y: y, role: envRole, maxWidth: content.maxX - x)
        y += 2
        if !request.commands.isEmpty {
            buffer.write("will run:", x: content.x, y: y, role: .label, maxWidth: content.width)
            y += 1
        }
        for command in request.commands {
            var rest = Substring(command)
            while !rest.isEmpty && y < content.maxY - 3 {
                let line = TextFit.truncate(String(rest), to: content.width - 2)
                buffer.write(line, x: content.x + 2, y: y, role: .text, maxWidth: content.width - 2)
                rest = rest.dropFirst(max(1, line.hasSuffix("…") ? line.count - 1 : line.count))
                y += 1
            }
        }
        buffer.write(TextFit.truncate(request.effect, to: content.width), x: content.x, y: y, role: .dim, maxWidth: content.width)
        let bottom = content.maxY - 1
        if request.requiresTypedName {
            let prompt = "type \(request.environment) and Enter to confirm, Esc cancels: "
            let used = buffer.write(prompt, x: content.x, y: bottom, role: role, maxWidth: content.width)
            buffer.write(request.typed + "█", x: content.x + used, y: bottom, role: .selection, maxWidth: content.width - used)
        } else {
            let cancel = request.confirmFocused ? "  Cancel  " : "[ Cancel ]"
            let confirm = request.confirmFocused ? "[ Confirm (y) ]" : "  Confirm (y)  "
            var x = content.x
            x += buffer.write(cancel, x: x, y: bottom, role: request.confirmFocused ? role : .selection) + 2
            buffer.write(confirm, x: x, y: bottom, role: request.confirmFocused ? .selection : role, maxWidth: content.maxX - x)
            buffer.write("Esc cancels", x: content.maxX - 11, y: bottom, role: .dim, maxWidth: 11)
        }
    }
}
