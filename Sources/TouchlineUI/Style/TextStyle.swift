/// How one role is drawn: colours (nil = the terminal's default) and attributes.
public struct TextStyle: Sendable, Hashable {
    /// Foreground colour; nil keeps the terminal's default.
    public var foreground: RGB?
    /// Background colour; nil keeps the terminal's default.
    public var background: RGB?
    /// Bold (or bright) text.
    public var bold: Bool
    /// Faint text.
    public var dim: Bool
    /// Underlined text.
    public var underline: Bool
    /// Foreground and background swapped.
    public var reverse: Bool

    /// Creates a style; everything defaults to the terminal's plain text.
    public init(foreground: RGB? = nil, background: RGB? = nil, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// The terminal's plain text.
    public static let plain = TextStyle()

    /// Whether the style sets a colour at all.
    public var hasColor: Bool { foreground != nil || background != nil }

    /// The same attributes without any colour.
    public var withoutColor: TextStyle {
        var copy = self
        copy.foreground = nil
        copy.background = nil
        return copy
    }
}
