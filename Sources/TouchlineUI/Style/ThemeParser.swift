import TouchlineCore

/// Reads theme files: a `[roles]` table of `role = { fg, bg, bold, dim, underline, reverse }`, laid over a base.
///
/// A role present in the file replaces the base role entirely (an absent `fg`/`bg` is the terminal's
/// default); roles left out keep the base. Unknown roles and keys are warnings, wrong values are errors.
public enum ThemeParser {
    /// The keys a role table takes.
    public static let roleKeys = ["fg", "bg", "bold", "dim", "underline", "reverse"]
    /// The top-level keys of a theme file.
    public static let topLevelKeys = ["roles", "description"]

    /// Parses theme `text` read from `file` into a theme named `name`, layered over `base`.
    public static func parse(_ text: String, file: String, name: String,
                             base: Theme = .standard) throws(ThemeError) -> LoadedTheme {
        let document: [String: ConfigValue]
        do {
            document = try TOMLDocument.parse(text, file: file)
        } catch {
            throw ThemeError(file: error.file, line: error.line, key: error.key, message: error.message)
        }
        let locator = TOMLKeyLocator(text: text)
        var theme = base
        theme.name = name
        var warnings: [(line: Int, text: String)] = []

        func warn(_ key: String, _ message: String) {
            let line = locator.line(of: key)
            warnings.append((line ?? 0, ThemeError(file: file, line: line, key: key, message: message).description))
        }
        func failure(_ key: String, _ message: String) -> ThemeError {
            ThemeError(file: file, line: locator.line(of: key), key: key, message: message)
        }

        for key in document.keys.sorted() where !topLevelKeys.contains(key) {
            warn(key, "unknown key, ignored (a theme file has [roles] and an optional description)")
        }
        if let description = document["description"], description.typeName != "string" {
            throw failure("description", "expected a string, found \(description.typeName)")
        }
        guard let rolesValue = document["roles"] else {
            return LoadedTheme(theme: theme, warnings: warnings.map(\.text), path: file)
        }
        guard case .table(let roles) = rolesValue else {
            throw failure("roles", "expected a table ([roles]), found \(rolesValue.typeName)")
        }
        for roleName in roles.keys.sorted() {
            let key = "roles.\(roleName)"
            guard let role = StyleRole(name: roleName) else {
                let hint = Self.closestRole(to: roleName).map { " (did you mean '\($0)'?)" } ?? ""
                warn(key, "unknown role '\(roleName)', ignored\(hint)")
                continue
            }
            guard case .table(let fields) = roles[roleName] ?? .table([:]) else {
                throw failure(key, "expected a table such as { fg = \"#5fd75f\", bold = true }, found \(roles[roleName]?.typeName ?? "nothing")")
            }
            for field in fields.keys.sorted() where !roleKeys.contains(field) {
                warn("\(key).\(field)", "unknown key, ignored (a role takes \(roleKeys.joined(separator: ", ")))")
            }
            var style = TextStyle()
            style.foreground = try color(fields["fg"], key: "\(key).fg", failure: failure)
            style.background = try color(fields["bg"], key: "\(key).bg", failure: failure)
            style.bold = try flag(fields["bold"], key: "\(key).bold", failure: failure)
            style.dim = try flag(fields["dim"], key: "\(key).dim", failure: failure)
            style.underline = try flag(fields["underline"], key: "\(key).underline", failure: failure)
            style.reverse = try flag(fields["reverse"], key: "\(key).reverse", failure: failure)
            theme[role] = style
        }
        let ordered = warnings.sorted { $0.line < $1.line }.map(\.text)
        return LoadedTheme(theme: theme, warnings: ordered, path: file)
    }

    /// Parses a colour value: `"#RRGGBB"`, or `"default"` for the terminal's own colour.
    private static func color(_ value: ConfigValue?, key: String,
                              failure: (String, String) -> ThemeError) throws(ThemeError) -> RGB? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, "expected a colour string such as \"#5fd75f\", found \(value.typeName)")
        }
        if text == "default" { return nil }
        guard let color = RGB(hex: text) else {
            throw failure(key, "\"\(text)\" is not a colour: write \"#RRGGBB\" (six hex digits) or \"default\"")
        }
        return color
    }

    /// Parses an attribute flag.
    private static func flag(_ value: ConfigValue?, key: String,
                             failure: (String, String) -> ThemeError) throws(ThemeError) -> Bool {
        guard let value else { return false }
        guard case .boolean(let flag) = value else {
            throw failure(key, "expected true or false, found \(value.typeName)")
        }
        return flag
    }

    /// The known role nearest to a misspelt `name`, when one is close enough to suggest.
    static func closestRole(to name: String) -> String? {
        let snake = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        var best: (name: String, distance: Int)?
        for role in StyleRole.allCases {
            let distance = editDistance(snake, role.name)
            if distance < (best?.distance ?? Int.max) { best = (role.name, distance) }
        }
        guard let best, best.distance <= max(2, best.name.count / 3) else { return nil }
        return best.name
    }

    /// The Levenshtein distance between two names.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a), right = Array(b)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        for (i, l) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, r) in right.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (l == r ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}
