/// The line characters of a box border.
public struct BoxStyle: Sendable, Equatable {
    /// Corners, clockwise from the top-left.
    public var topLeft: Character, topRight: Character, bottomRight: Character, bottomLeft: Character
    /// Horizontal and vertical lines.
    public var horizontal: Character, vertical: Character

    /// Creates a style from its characters.
    public init(topLeft: Character, topRight: Character, bottomRight: Character, bottomLeft: Character,
                horizontal: Character, vertical: Character) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomRight = bottomRight
        self.bottomLeft = bottomLeft
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// `╭─╮ │ ╰─╯`: the panes.
    public static let rounded = BoxStyle(topLeft: "╭", topRight: "╮", bottomRight: "╯", bottomLeft: "╰",
                                         horizontal: "─", vertical: "│")
    /// `┌─┐ │ └─┘`.
    public static let plain = BoxStyle(topLeft: "┌", topRight: "┐", bottomRight: "┘", bottomLeft: "└",
                                       horizontal: "─", vertical: "│")
    /// `┏━┓ ┃ ┗━┛`: the focused pane, so focus shows without colour too.
    public static let heavy = BoxStyle(topLeft: "┏", topRight: "┓", bottomRight: "┛", bottomLeft: "┗",
                                       horizontal: "━", vertical: "┃")
    /// `╔═╗ ║ ╚═╝`: overlays.
    public static let double = BoxStyle(topLeft: "╔", topRight: "╗", bottomRight: "╝", bottomLeft: "╚",
                                        horizontal: "═", vertical: "║")
}
