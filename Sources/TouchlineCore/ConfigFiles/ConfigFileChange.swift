/// How one listed file differs between a snapshot and now: the Config view's "differs" column, the restore
/// dialog's summary and `touchline config diff`'s header lines.
public struct ConfigFileChange: Sendable, Equatable {
    /// What happened to the file since the snapshot.
    public enum State: String, Sendable, Equatable {
        /// Same bytes (and it exists on both sides, or is missing on both).
        case unchanged
        /// Both exist, the bytes differ.
        case changed
        /// In the snapshot, gone now: a restore recreates it.
        case deleted
        /// Missing in the snapshot, present now: a restore leaves it as it is.
        case created
        /// Listed in `paths` now but not in the snapshot at all: reported, never deleted.
        case notInSnapshot = "not in snapshot"
    }

    /// The absolute path.
    public var path: String
    /// What happened.
    public var state: State
    /// Lines added and removed (snapshot → now).
    public var counts: UnifiedDiff.Counts

    /// Creates a change.
    public init(path: String, state: State, counts: UnifiedDiff.Counts = UnifiedDiff.Counts()) {
        self.path = path
        self.state = state
        self.counts = counts
    }

    /// Whether a restore would write the file (it differs and the snapshot holds it).
    public var restores: Bool { state == .changed || state == .deleted }

    /// `a.env (+2 −1)`, `b.yml (deleted, recreated)`, `c.conf (not in snapshot: left as it is)`.
    public func summary(name: String) -> String {
        switch state {
        case .unchanged: return "\(name) (unchanged)"
        case .changed: return "\(name) (\(counts.text))"
        case .deleted: return "\(name) (deleted since: recreated, \(counts.text))"
        case .created: return "\(name) (missing in the snapshot: left as it is)"
        case .notInSnapshot: return "\(name) (not in the snapshot: left as it is)"
        }
    }
}
