/// Why a backup was taken, as the manifest records it (`origin`, and `restoring` for a safety backup) and
/// the Backups view, `touchline backups` and `backup --list` show it.
///
/// A manifest written before the field existed has no `origin`: such a backup reads as ``unknown``, not
/// `manual` — its absence proves nothing, and calling a restore's safety dump "manual" is the very mistake
/// (restoring the dump of a bad state as "the newest") the field is there to prevent.
public enum BackupOrigin: String, Codable, Sendable, Equatable {
    /// `touchline backup` or the dashboard's backup key.
    case manual
    /// The safety backup a restore takes before replacing the database.
    case safety
    /// The backup step of a deployment rehearsal.
    case rehearsal
    /// Not recorded (a manifest from before the field).
    case unknown

    /// The words shown: `manual`, `safety before restore of FILE`, `rehearsal`, `origin unknown`.
    public func text(restoring: String?) -> String {
        switch self {
        case .manual: return "manual"
        case .safety: return restoring.map { "safety before restore of \($0)" } ?? "safety before restore"
        case .rehearsal: return "rehearsal"
        case .unknown: return "origin unknown"
        }
    }

    /// The short word for a narrow column: `manual`, `safety`, `rehearsal`, `?`.
    public var shortText: String { self == .unknown ? "?" : rawValue }
}
