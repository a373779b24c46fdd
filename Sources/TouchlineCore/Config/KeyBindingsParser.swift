/// Reads the `[keys]` table: `action = "key"` or `action = ["key", "key"]`, laid over the defaults.
enum KeyBindingsParser {
    static func parse(_ table: inout TableReader) throws -> KeyBindings {
        var bindings = KeyBindings.standard
        let actions = KeyAction.allCases.map(\.rawValue)
        for name in table.orderedKeys() {
            guard let action = KeyAction(rawValue: name) else {
                throw table.error(name, "unknown action '\(name)' (actions: \(actions.joined(separator: ", ")))")
            }
            let names: [String]
            if let single = try? table.string(name) {
                names = [single]
            } else {
                names = try table.strings(name) ?? []
            }
            guard !names.isEmpty else { throw table.error(name, "needs at least one key") }
            let presses = try names.map { keyName in
                guard let press = KeyPress(name: keyName) else {
                    throw table.error(name, "unknown key name '\(keyName)' (a single character, or tab, shift-tab, enter, esc, backspace, up, down, left, right, pgup, pgdn, home, end, space)")
                }
                return press
            }
            bindings.bind(action, to: presses)
        }
        if let conflict = bindings.conflict { throw table.tableError(conflict) }
        return bindings
    }
}
