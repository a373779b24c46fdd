/// The instant the process started its Swift code, for "time to first frame".
enum LaunchClock {
    /// Set on first access; `Entry.main` touches it first thing.
    static let launched = ContinuousClock.now
}
