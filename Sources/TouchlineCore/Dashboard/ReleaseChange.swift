/// A probe's version field changing between two polls (`api release 1.5.0 → 1.6.0`), whoever deployed.
public enum ReleaseChange {
    /// The event's message when `sample` reports a version different from `previous` (the newest version
    /// the probe reported before it), nil when either is unknown or they are equal. The source is the
    /// probe's `version_field`.
    public static func message(probe: String, previous: String?, current: String?) -> String? {
        guard let previous, let current, previous != current else { return nil }
        return "\(probe) release \(previous) → \(current)"
    }
}
