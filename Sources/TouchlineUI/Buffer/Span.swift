import TouchlineCore

/// A run of text drawn in one style role.
public struct Span: Sendable, Equatable {
    /// The text.
    public var text: String
    /// Its role.
    public var role: StyleRole

    /// Creates a span.
    public init(_ text: String, _ role: StyleRole) {
        self.text = text
        self.role = role
    }

    /// Columns the text covers.
    public var width: Int { DisplayWidth.of(text) }
}
