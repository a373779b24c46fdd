/// Colours and attributes for every ``StyleRole``; the terminal backend asks it how to draw each cell.
public struct Theme: Sendable, Equatable {
    /// The theme's name (its file name without `.toml`, or `default` / `monochrome` when built in).
    public var name: String
    /// Styles indexed by ``StyleRole/slot``.
    private var styles: [TextStyle]

    /// Creates a theme where every role is drawn as `base` (the terminal's plain text by default).
    public init(name: String, base: TextStyle = .plain) {
        self.name = name
        styles = Array(repeating: base, count: StyleRole.allCases.count)
    }

    /// Creates a theme from a role table; roles it leaves out are drawn as plain text.
    public init(name: String, styles table: [StyleRole: TextStyle]) {
        self.init(name: name)
        for (role, style) in table { self[role] = style }
    }

    /// How `role` is drawn.
    public subscript(role: StyleRole) -> TextStyle {
        get { styles[Int(role.rawValue)] }
        set { styles[Int(role.rawValue)] = newValue }
    }

    /// How `role` is drawn (the same as the subscript).
    public func style(for role: StyleRole) -> TextStyle { self[role] }

    /// Every role's style indexed by ``StyleRole/slot`` (the order of `StyleRole.allCases`), for palette tables.
    public var stylesBySlot: [TextStyle] { styles }

    /// Whether any role sets a colour.
    public var hasColors: Bool { styles.contains(where: \.hasColor) }

    /// The same theme with every colour removed, attributes kept.
    public var withoutColors: Theme {
        var copy = self
        copy.styles = styles.map(\.withoutColor)
        return copy
    }

    /// The built-in dark theme, which theme files are layered over.
    public static let standard = Theme(name: "default", styles: BuiltInThemes.dark)

    /// The built-in monochrome theme (NO_COLOR, `--no-color`): attributes only, status still readable.
    public static let monochrome = Theme(name: "monochrome", styles: BuiltInThemes.monochrome)
}
