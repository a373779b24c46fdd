import TouchlineCore

/// The confirmation dialog of an operator action: the action, the environment in its colour, the exact
/// command lines, what will change, and Cancel / Confirm with Cancel focused first (or the typed name
/// a protected environment asks for).
enum ConfirmDialog {
    /// Draws the dialog for `request`, centred on `screen`.
    static func draw(_ request: ActionRequest, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let width = min(screen.width - 4, 96)
        let commandRows = request.commands.reduce(0) { $0 + max(1, (DisplayWidth.of($1) + width - 7) / max(1, width - 6)) }
        let effectLines = wrap(request.effect, to: max(1, width - 4))
        let height = min(screen.height - 2, 9 + commandRows + effectLines.count - 1)
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
        let bottom = content.maxY - 1
        let rows = max(1, bottom - 1 - y)
        for (index, line) in effectLines.prefix(rows).enumerated() {
            let cut = index == rows - 1 && effectLines.count > rows
            let text = cut ? TextFit.truncate(effectLines[index...].joined(separator: " "), to: content.width) : line
            buffer.write(text, x: content.x, y: y + index, role: .dim, maxWidth: content.width)
        }
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

    /// `text` broken at spaces into lines of at most `columns` display cells (a longer word is cut).
    static func wrap(_ text: String, to columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= columns || line.isEmpty {
                line = DisplayWidth.of(candidate) <= columns ? candidate : TextFit.truncate(candidate, to: columns)
            } else {
                lines.append(line)
                line = DisplayWidth.of(word) <= columns ? word : TextFit.truncate(word, to: columns)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
