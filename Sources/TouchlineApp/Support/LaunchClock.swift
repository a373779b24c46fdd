/// The instant the process started its Swift code, for "time to first frame".
public enum LaunchClock {
    /// Set on first access; `Entry.main` touches it first thing.
    public static let launched = ContinuousClock.now
}
