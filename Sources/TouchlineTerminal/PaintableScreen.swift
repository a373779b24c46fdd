/// What the ncurses backend needs from a rendered frame: graphemes and a style slot per cell.
public protocol PaintableScreen {
    /// Columns.
    var width: Int { get }
    /// Rows.
    var height: Int { get }
    /// The grapheme at (x, y); empty for the second column of a wide character.
    func grapheme(x: Int, y: Int) -> String
    /// The style slot of the cell, an index into the palette's styles.
    func styleSlot(x: Int, y: Int) -> Int
}

/// How one style slot looks: colours as 24-bit RGB (nil: the terminal's default) and attributes.
public struct TerminalStyle: Sendable, Equatable {
    public var foreground: UInt32?
    public var background: UInt32?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    /// Creates a style.
    public init(foreground: UInt32?, background: UInt32?, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
}
