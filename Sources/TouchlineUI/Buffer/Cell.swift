/// One screen cell: the grapheme drawn there, its style role, and how many columns it covers.
public struct Cell: Sendable, Equatable {
    /// The grapheme; a space for empty cells and for the right half of a wide grapheme.
    public var grapheme: Character
    /// The semantic style of the cell.
    public var role: StyleRole
    /// Columns covered: 1, or 2 for a wide grapheme (CJK, emoji); 0 marks the cell under the right
    /// half of the wide grapheme to its left, which the backend must skip.
    public var width: UInt8

    /// Creates a cell.
    public init(grapheme: Character, role: StyleRole, width: UInt8 = 1) {
        self.grapheme = grapheme
        self.role = role
        self.width = width
    }

    /// An empty cell drawn as plain text.
    public static let blank = Cell(grapheme: " ", role: .text)

    /// Whether this is the right half of a wide grapheme (draw nothing here).
    public var isContinuation: Bool { width == 0 }
}
