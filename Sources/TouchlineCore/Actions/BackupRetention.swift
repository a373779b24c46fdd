import FoundationEssentials

/// Decides which backups retention deletes: those older than `keep_days`, never the newest verified one.
public enum BackupRetention {
    /// What to keep and what to delete, both oldest first.
    public struct Plan: Sendable, Equatable {
        /// Backups that stay.
        public var keep: [BackupRecord]
        /// Backups to delete (file and manifest entry).
        public var expire: [BackupRecord]

        /// Creates a plan.
        public init(keep: [BackupRecord], expire: [BackupRecord]) {
            self.keep = keep
            self.expire = expire
        }
    }

    /// The plan for `records` at `now`: a backup expires when it was created more than `keepDays` days
    /// before `now`, unless it is the newest verified backup (kept even when every backup is old).
    public static func plan(_ records: [BackupRecord], keepDays: Int, now: Date) -> Plan {
        let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
        let newestVerified = BackupManifest(backups: records).newestVerified?.file
        let ordered = records.sorted { $0.created < $1.created }
        var plan = Plan(keep: [], expire: [])
        for record in ordered {
            if record.created < cutoff && record.file != newestVerified {
                plan.expire.append(record)
            } else {
                plan.keep.append(record)
            }
        }
        return plan
    }
}
