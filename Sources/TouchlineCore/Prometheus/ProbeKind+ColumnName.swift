extension ProbeKind {
    /// The kind as the Services table's KIND column (8 wide) shows it: `promql` for prometheus probes (what
    /// they run), the config name for the others.
    public var columnName: String { self == .prometheus ? "promql" : rawValue }
}
