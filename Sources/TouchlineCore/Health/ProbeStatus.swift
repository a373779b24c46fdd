/// The health of one probe or of a whole environment.
public enum ProbeStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case up
    case degraded
    case down
    /// Not polled yet.
    case unknown

    /// Higher is worse: up < unknown < degraded < down.
    public var severity: Int {
        switch self {
        case .up: return 0
        case .unknown: return 1
        case .degraded: return 2
        case .down: return 3
        }
    }

    public static func < (lhs: ProbeStatus, rhs: ProbeStatus) -> Bool { lhs.severity < rhs.severity }

    /// The status of an environment: down if any probe is down, else degraded if any is, else up.
    public static func worst(of statuses: [ProbeStatus]) -> ProbeStatus {
        statuses.max() ?? .unknown
    }

    /// Maps a health word from a JSON status field: healthy/ok/up/pass -> up, degraded/warn -> degraded, else down.
    public static func fromHealthWord(_ word: String) -> ProbeStatus {
        switch word.lowercased() {
        case "healthy", "ok", "up", "pass", "passing", "green": return .up
        case "degraded", "warn", "warning", "yellow": return .degraded
        default: return .down
        }
    }

    /// Exit code of `touchline check` for this overall status (Nagios convention).
    public var exitCode: Int32 {
        switch self {
        case .up: return 0
        case .degraded: return 1
        case .down, .unknown: return 2
        }
    }
}
