import TouchlineCore

/// The exit codes of the action commands: 0 ok, 1 ran and failed (or was cancelled), 2 refused,
/// 3 configuration or usage error.
enum ActionExit {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let refused: Int32 = 2
    static let usage: Int32 = ExitStatus.usage

    /// The exit code for an action that ended with `outcome`.
    static func code(for outcome: AuditOutcome) -> Int32 {
        switch outcome {
        case .ok: return ok
        case .failed, .cancelled: return failed
        case .refused: return refused
        }
    }
}
