/// The releases a rollback can pick from, the one running now, and the one before it — the release
/// `rollback` without an argument chooses. Pure.
public struct ReleasePlan: Sendable, Equatable {
    /// The releases the list command printed, newest first.
    public var releases: [String]
    /// The release the probe reports running, when it reported one.
    public var running: String?
    /// Why the probe reported no release, when it did not (`api: connection refused (127.0.0.1:8001)`).
    public var runningUnknownBecause: String?

    /// Creates a plan; `runningUnknownBecause` says why `running` is nil (the probe's error), when known.
    public init(releases: [String], running: String?, runningUnknownBecause: String? = nil) {
        self.releases = releases
        self.running = running
        self.runningUnknownBecause = runningUnknownBecause
    }

    /// The release listed right after the running one (the previous release), or nil.
    public var previous: String? {
        guard let running, let index = releases.firstIndex(of: running), index + 1 < releases.count else { return nil }
        return releases[index + 1]
    }

    /// Why there is no previous release, or nil when there is one.
    public var noPreviousReason: String? {
        guard previous == nil else { return nil }
        guard let running else {
            return "the running release is unknown (\(runningUnknownBecause ?? "the probe reported no version"))"
        }
        guard releases.contains(running) else {
            return "the running release \(running) is not among the listed releases (\(releases.joined(separator: ", ")))"
        }
        return "\(running) is the oldest listed release: there is none before it"
    }

    /// Why rolling back to `release` is refused (already running, not listed), or nil when it may go ahead.
    public func refusal(for release: String) -> String? {
        if release == running { return "\(release) is already running" }
        if !releases.contains(release) {
            return "\(release) is not a listed release (\(releases.joined(separator: ", ")))"
        }
        return nil
    }
}
