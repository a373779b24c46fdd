/// The panes of the dashboard, in focus order.
public enum Pane: String, Sendable, CaseIterable {
    case services
    case database
    case redis
    case latency
    case output
    case events

    /// The title shown on the pane's border.
    public var title: String {
        switch self {
        case .services: return "Services"
        case .database: return "Database"
        case .redis: return "Redis"
        case .latency: return "API latency"
        case .output: return "Output"
        case .events: return "Events"
        }
    }
}
