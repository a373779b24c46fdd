/// The nine steps of a deployment rehearsal, in the order they run.
public enum RehearsalStep: String, Sendable, Equatable, CaseIterable, Codable {
    case preflight
    case backup
    case deploy
    case checks
    case load
    case rollback
    case configRollback = "config_rollback"
    case restore
    case verify

    /// The step's title in the steps pane and the report.
    public var title: String {
        switch self {
        case .preflight: return "Preflight"
        case .backup: return "Backup"
        case .deploy: return "Deploy"
        case .checks: return "Functional checks"
        case .load: return "Load test"
        case .rollback: return "Application rollback"
        case .configRollback: return "Configuration rollback"
        case .restore: return "Database restore"
        case .verify: return "Post-rollback verification"
        }
    }

    /// Its 1-based number.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
}
