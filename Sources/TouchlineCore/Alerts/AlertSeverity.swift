/// How bad an alert is, from its `severity` label (the convention of the platform's rules and of most
/// Prometheus rule sets): `critical` (or `page`), `warning` (or `warn`), `info` (or `none`); any other value,
/// or none, is `unknown` and counts as a warning (a gate must not pass an alert it cannot rank).
public enum AlertSeverity: String, Sendable, Equatable, CaseIterable, Comparable {
    case critical, warning, unknown, info

    /// The severity of the label value `label` (case-insensitive), `unknown` when absent or not a known word.
    public init(label: String?) {
        switch label?.lowercased() {
        case "critical", "page": self = .critical
        case "warning", "warn": self = .warning
        case "info", "none", "informational": self = .info
        default: self = .unknown
        }
    }

    /// Sort rank: critical first, then warning, unknown (ranked as a warning), info.
    public var rank: Int {
        switch self {
        case .critical: return 0
        case .warning: return 1
        case .unknown: return 2
        case .info: return 3
        }
    }

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool { lhs.rank < rhs.rank }

    /// The probe status colour the severity borrows on screen and in Events: critical as down, the rest
    /// as degraded (info as up).
    public var status: ProbeStatus {
        switch self {
        case .critical: return .down
        case .warning, .unknown: return .degraded
        case .info: return .up
        }
    }
}
