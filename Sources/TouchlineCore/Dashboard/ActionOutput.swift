/// What the running (or last) action printed, as the Output pane shows it: its lines, how far the
/// operator scrolled back, and how it ended.
public struct ActionOutput: Sendable, Equatable {
    /// The action, e.g. `restart api`.
    public var title: String
    /// Printed lines, oldest first, at most ``lineLimit`` (the oldest are dropped).
    public var lines: [String]
    /// How many lines were dropped from the front to stay within ``lineLimit``.
    public var dropped = 0
    /// Lines scrolled back from the newest; 0 follows the output as it arrives.
    public var scrollBack = 0
    /// Whether the pane is on screen (key `o` hides and shows it).
    public var visible = true
    /// nil while the action runs, then whether it succeeded.
    public var succeeded: Bool?
    /// How it ended, in the summary's word (`done`, `failed`, `cancelled`, `refused`); nil while it runs.
    public var outcome: String?
    /// The steps of a rehearsal as last reported (nil for other actions), drawn above the output lines.
    public var steps: [RehearsalStepRecord]?
    /// The pane that had the keyboard when the action started; it gets it back when the action ends,
    /// unless the operator is reading back through the output.
    public var returnFocus: Pane = .services

    /// How many lines are kept.
    public static let lineLimit = 2000

    /// Creates the output of an action that starts now, opening with the command lines it will run.
    public init(title: String, commands: [String]) {
        self.title = title
        lines = commands.map { "$ " + $0 }
    }

    /// Whether the action still runs.
    public var running: Bool { succeeded == nil }

    /// Appends `newLines`; a reader scrolled back keeps their place.
    public mutating func append(_ newLines: [String]) {
        guard !newLines.isEmpty else { return }
        lines.append(contentsOf: newLines)
        if scrollBack > 0 { scrollBack += newLines.count }
        if lines.count > Self.lineLimit {
            let excess = lines.count - Self.lineLimit
            lines.removeFirst(excess)
            dropped += excess
        }
        scrollBack = min(scrollBack, max(0, lines.count - 1))
    }

    /// Scrolls by `delta` lines (negative: towards older lines), clamped so a page of `page` lines stays full.
    public mutating func scroll(by delta: Int, page: Int) {
        let maximum = max(0, lines.count - max(1, page))
        scrollBack = min(maximum, max(0, scrollBack - delta))
    }
}
