/// How a backup attempt ended.
public enum BackupResult: Sendable, Equatable {
    /// Written, verified, listed in the manifest.
    case completed(BackupReport)
    /// It ran and failed; no file was left behind.
    case failed(reason: String)
    /// The operator (or a signal) stopped it; no file was left behind.
    case cancelled(reason: String)
    /// It never started (lock held, directory unusable before anything ran).
    case refused(reason: String)

    /// The audit log's word for it.
    public var outcome: AuditOutcome {
        switch self {
        case .completed: return .ok
        case .failed: return .failed
        case .cancelled: return .cancelled
        case .refused: return .refused
        }
    }

    /// The report of a completed backup.
    public var report: BackupReport? {
        if case .completed(let report) = self { return report }
        return nil
    }

    /// Why it did not complete (the first cause, without the `backup failed: ` prefix of ``message``);
    /// nil when it completed.
    public var reason: String? {
        switch self {
        case .completed: return nil
        case .failed(let reason), .cancelled(let reason), .refused(let reason): return reason
        }
    }

    /// One line for people.
    public var message: String {
        switch self {
        case .completed(let report): return "backup written and verified: \(report.path)"
        case .failed(let reason): return "backup failed: \(reason)"
        case .cancelled(let reason): return CancelText.phrase("backup", reason: reason)
        case .refused(let reason): return "backup refused: \(reason)"
        }
    }
}
