import TouchlineCore

/// The confirmation dialog of an operator action: the action, the environment in its colour, the exact
/// command lines, what will change, and Cancel / Confirm with Cancel focused first (or the typed name
/// a protected environment asks for).
enum ConfirmDialog {
    /// Draws the dialog for `request`, centred on `screen`. The dialog grows (up to the screen) to hold
    /// every command line and the whole consequence, wrapped, never cut; when even the whole screen is
    /// too small (80x24 with a long restore), the text scrolls inside the dialog (↑/↓, PgUp/PgDn) from
    /// `state.dialogScroll`, and the border says how much is above and below.
    static func draw(_ request: ActionRequest, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let natural = ([DisplayWidth.of(request.effect)] + request.commands.map { DisplayWidth.of($0) + 2 }).max() ?? 0
        let width = min(screen.width - 4, max(72, natural + 4))
        let role: StyleRole = request.requiresTypedName ? .dialogDanger : .dialog
        let name = [request.action, request.target].compactMap { $0 }.joined(separator: " ")
        // The first line says what, where; a target too long for it (a backup's path) opens the body.
        let headline = DisplayWidth.of("\(name) on  \(state.environment.label) ") <= width - 4 ? name : request.action
        let body = (headline == name ? [] : TextWrap.lines(request.target ?? "", width: max(1, width - 4)).map { ($0, 0, StyleRole.text) } + [("", 0, .text)])
            + bodyLines(request, columns: max(1, width - 4))
        // Border (2), the title line and a blank (2), the body, a blank and the buttons (2).
        let height = min(screen.height - 2, body.count + 6)
        let content = Dialog.frame(title: "Confirm \(name)", width: width, height: height, on: screen,
                                   role: role, into: &buffer)
        guard content.height >= 4 else { return }
        var x = content.x
        x += buffer.write("\(headline) on ", x: x, y: content.y, role: role, maxWidth: content.width)
        let envRole: StyleRole = state.environment.protected ? .envProduction : .envStaging
        buffer.write(" \(state.environment.label) ", x: x, y: content.y, role: envRole, maxWidth: content.maxX - x)
        let rows = content.height - 4
        let scroll = max(0, min(state.dialogScroll, body.count - rows))
        for (offset, line) in body.dropFirst(scroll).prefix(rows).enumerated() {
            buffer.write(line.text, x: content.x + line.indent, y: content.y + 2 + offset, role: line.role,
                         maxWidth: content.width - line.indent)
        }
        let box = screen.centered(width: width, height: height)
        if scroll > 0 {
            buffer.write(" ↑ \(scroll) more (↑/PgUp) ", x: box.maxX - 24, y: content.y + 1, role: .dim, maxWidth: 23)
        }
        let below = body.count - scroll - rows
        if below > 0 {
            buffer.write(" ↓ \(below) more (↓/PgDn) ", x: box.maxX - 24, y: box.maxY - 1, role: role, maxWidth: 23)
        }
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

    /// The dialog's scrollable text for a content `columns` wide: `will run:` and each command line
    /// wrapped under a two-column indent, a blank, then the consequence wrapped.
    static func bodyLines(_ request: ActionRequest, columns: Int) -> [(text: String, indent: Int, role: StyleRole)] {
        var lines: [(text: String, indent: Int, role: StyleRole)] = []
        for line in request.spec?.session?.lines ?? [] {
            lines += TextWrap.lines(line, width: columns).map { ($0, 0, .text) }
        }
        if request.spec?.session != nil { lines.append(("", 0, .text)) }
        if !request.commands.isEmpty {
            lines.append(("will run:", 0, .label))
            for command in request.commands {
                lines += TextWrap.lines(command, width: max(1, columns - 2)).map { ($0, 2, .text) }
            }
            lines.append(("", 0, .text))
        }
        lines += TextWrap.lines(request.effect, width: columns).map { ($0, 0, .dim) }
        return lines
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
