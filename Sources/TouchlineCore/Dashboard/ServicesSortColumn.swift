/// A column the Services table can be sorted by (keys `<` / `>` choose it, `I` reverses it, as in htop).
public enum ServicesSortColumn: String, Sendable, CaseIterable {
    case name
    case status
    case latency
    case p95
    case age

    /// The heading of the column in the Services table, which carries the ▲/▼ mark.
    public var heading: String {
        switch self {
        case .name: return "SERVICE"
        case .status: return "STATUS"
        case .latency: return "LATENCY"
        case .p95: return "P95 1m"
        case .age: return "AGE"
        }
    }
}
