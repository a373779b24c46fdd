import FoundationEssentials

/// One snapshot as the Config view lists it: its manifest's id, time and trigger, and how each listed file
/// differs from now.
public struct ConfigSnapshotRow: Sendable, Equatable {
    /// The snapshot's id.
    public var id: String
    /// When it was taken.
    public var takenAt: Date
    /// Why it was taken.
    public var trigger: String
    /// Every listed file (now and in the snapshot) compared with now.
    public var changes: [ConfigFileChange]

    /// Creates a row.
    public init(id: String, takenAt: Date, trigger: String, changes: [ConfigFileChange]) {
        self.id = id
        self.takenAt = takenAt
        self.trigger = trigger
        self.changes = changes
    }

    /// The files that differ from now.
    public var differing: [ConfigFileChange] { changes.filter { $0.state != .unchanged } }

    /// The files a restore would write.
    public var restoring: [ConfigFileChange] { changes.filter(\.restores) }

    /// Lines added and removed over every file.
    public var totals: UnifiedDiff.Counts {
        changes.reduce(into: UnifiedDiff.Counts()) {
            $0.added += $1.counts.added
            $0.removed += $1.counts.removed
        }
    }
}
