import TouchlineCore

/// touchline's one exit-code table: `touchline check` uses the Nagios convention (0 up, 1 degraded, 2 down),
/// the actions 0 ok, 1 ran and failed (or was cancelled), 2 refused; 3 is a configuration or usage error for
/// every command.
public enum ExitStatus {
    /// Every probe up (`check`).
    public static let up: Int32 = 0
    /// At least one probe degraded, none down (`check`).
    public static let degraded: Int32 = 1
    /// At least one probe down (`check`).
    public static let down: Int32 = 2
    /// Configuration or usage error (every command).
    public static let usage: Int32 = 3
    /// The action ran and succeeded.
    public static let ok: Int32 = 0
    /// The action ran and failed, or was cancelled.
    public static let failed: Int32 = 1
    /// The action was refused before it ran (lock held, confirmation missing, a guard).
    public static let refused: Int32 = 2

    /// The exit code for an action that ended with `outcome`.
    public static func code(for outcome: AuditOutcome) -> Int32 {
        switch outcome {
        case .ok: return ok
        case .failed, .cancelled: return failed
        case .refused: return refused
        }
    }
}
