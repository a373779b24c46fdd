/// The release picker of a rollback: the listed releases (newest first), the one running, the highlighted one.
public struct ReleaseChoice: Sendable, Equatable {
    /// Releases as the list command printed them, newest first.
    public var releases: [String]
    /// The release the probe reports now, if known.
    public var current: String?
    /// The highlighted row.
    public var selected: Int

    /// Creates a choice with the release before the current one preselected (the usual rollback target).
    public init(releases: [String], current: String?) {
        self.releases = releases
        self.current = current
        if let current, let index = releases.firstIndex(of: current) {
            selected = min(index + 1, releases.count - 1)
        } else {
            selected = 0
        }
    }
}
