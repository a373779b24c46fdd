/// Where text goes inside a wider space.
public enum Alignment: Sendable {
    /// Against the left edge.
    case left
    /// In the middle (extra column on the right).
    case center
    /// Against the right edge.
    case right
}
