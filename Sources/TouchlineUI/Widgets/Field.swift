/// A few spans that belong together (`3 active`), never split across lines when text wraps.
public struct Field: Sendable, Equatable {
    /// The spans, drawn one after the other.
    public var spans: [Span]
    /// Left out when the pane is narrow (no label column): e.g. a count that is 0 and only matters when it is not.
    public var isOptional = false

    /// Creates a field from spans.
    public init(_ spans: [Span]) {
        self.spans = spans
    }

    /// A value followed by what it counts: `3` in `valueRole`, ` active` as a label.
    public init(_ value: String, _ valueRole: StyleRole, unit: String) {
        spans = [Span(value, valueRole), Span(" " + unit, .label)]
    }

    /// A label followed by its value: `hit ` as a label, `98.1%` in `valueRole`.
    public init(label: String, _ value: String, _ valueRole: StyleRole) {
        spans = [Span(label + " ", .label), Span(value, valueRole)]
    }

    /// The same field, left out of narrow panes when `condition` holds.
    public func optional(when condition: Bool) -> Field {
        var copy = self
        copy.isOptional = condition
        return copy
    }

    /// Columns the field covers.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }
}
