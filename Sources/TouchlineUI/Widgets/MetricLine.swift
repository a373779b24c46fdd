/// One line of a metrics pane (Database, Redis): a labelled gauge, labelled fields, or free text.
public enum MetricLine: Sendable, Equatable {
    /// A gauge filled to `fraction`, followed by `trailing` (e.g. `42/100 (42%)`); `shortLabel` is
    /// shown in front of it when the pane is too narrow for the label column.
    case bar(label: String, shortLabel: String, fraction: Double, fillRole: StyleRole, trailing: [Span])
    /// Fields separated by ` · `. With `wraps`, fields that do not fit go onto further lines; without,
    /// they are left out (so list them most important first). `shortLabel`, when set, is shown in
    /// front of the fields when the pane is too narrow for the label column.
    case fields(label: String, [Field], shortLabel: String? = nil, wraps: Bool = true)
    /// One line of text after the label, shortened with `…`.
    case text(label: String, [Span])
    /// Fields across the whole width (no label column), wrapped between fields: problems and notes.
    case notice([Field])
}
