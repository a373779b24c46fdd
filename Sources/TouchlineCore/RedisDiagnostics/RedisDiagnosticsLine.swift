/// One line of the Redis diagnostics as text: what it is (so the view can style it) and its text.
public struct RedisDiagnosticsLine: Sendable, Equatable {
    /// What a line is.
    public enum Kind: Sendable, Equatable {
        /// A section's title (`Slow log · SLOWLOG GET 128 · …`); Tab jumps between them.
        case heading
        /// A table's column names.
        case columns
        /// A row of figures.
        case row
        /// A remark on the figures (none recorded, what a setting means).
        case note
        /// The line a refused or failed command left in its section.
        case problem
        /// Redis's own words (the doctors).
        case prose
    }

    public var kind: Kind
    public var text: String

    /// Creates a line.
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
