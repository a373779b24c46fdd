/// The unified diff of one snapshot against the current files, secrets masked, as the Config view's diff shows it.
public struct ConfigDiffText: Sendable, Equatable {
    /// The snapshot's id.
    public var snapshot: String
    /// The diff's lines (file headers, hunks, notes), ready to colour by kind.
    public var lines: [DiffLine]
    /// The first line shown (scrolling).
    public var scroll: Int

    /// Creates the diff view's content.
    public init(snapshot: String, lines: [DiffLine], scroll: Int = 0) {
        self.snapshot = snapshot
        self.lines = lines
        self.scroll = scroll
    }
}
