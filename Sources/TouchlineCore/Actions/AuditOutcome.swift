/// How an operator action ended, as the audit log records it.
public enum AuditOutcome: String, Codable, Sendable, Equatable, CaseIterable {
    /// It ran and did what it should (for a backup: written and verified).
    case ok
    /// It ran and failed (a command exited non-zero, verification failed, a timeout).
    case failed
    /// It was not started: lock held, confirmation missing or wrong, read-only.
    case refused
    /// The operator stopped it while it ran.
    case cancelled
}
