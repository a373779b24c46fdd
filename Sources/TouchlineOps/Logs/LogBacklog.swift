import TouchlineCore

/// The start of a followed command's output, trimmed as `tail -n N -f` trims a file's: a command such as
/// `docker compose logs --tail 200 -f` or `tail -n 50 -F` first prints its backlog at once, then new lines.
/// Lines are held from the first one until the command has been quiet for 0.2 s, or 2 s have passed since
/// that first line; then the last `limit` of them go out, and every later line goes out as it comes. So
/// `touchline logs --follow --lines N` starts a command source with the last N lines of its backlog, as it
/// starts a file. (The Logs view does not hold: a command's own argv sets its backlog, and the view keeps
/// 10,000 lines.)
struct LogBacklog {
    /// How long the command may be quiet after its first lines before the backlog is taken as complete.
    static let quiet = Duration.milliseconds(200)  // a backlog comes in one burst; a chatty service's lines are further apart
    /// The longest the backlog is held, from its first line.
    static let longest = Duration.seconds(2)

    private let limit: Int
    private var firstLine: ContinuousClock.Instant?
    private var held: [LogLine] = []
    private var cut = 0
    private var lastLine: ContinuousClock.Instant?
    /// Whether lines are still held (false once released: lines then pass straight through).
    private(set) var holding = true
    /// Lines of the backlog left out (older than its last `limit`).
    private(set) var skipped = 0

    /// A backlog of at most `limit` lines.
    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Takes lines read at `now` (with how many were cut); returns what may go out now.
    mutating func add(_ lines: [LogLine], cut: Int, at now: ContinuousClock.Instant = .now) -> (lines: [LogLine], cut: Int) {
        guard holding else { return (lines, cut) }
        held += lines
        self.cut += cut
        if !lines.isEmpty {
            lastLine = now
            if firstLine == nil { firstLine = now }
        }
        if held.count > limit * 2 + 1024 { trim() }
        return release(at: now) ?? ([], 0)
    }

    /// The held lines once the backlog is complete at `now` (nil while it is not, or once released).
    mutating func release(at now: ContinuousClock.Instant = .now) -> (lines: [LogLine], cut: Int)? {
        guard holding else { return nil }
        guard let firstLine, let lastLine else { return nil }  // nothing yet: a command that starts slowly is waited for
        guard lastLine.duration(to: now) >= Self.quiet || firstLine.duration(to: now) >= Self.longest else { return nil }
        return flush()
    }

    /// The held lines now, whatever the clock says (the command ended); nil once released.
    mutating func flush() -> (lines: [LogLine], cut: Int)? {
        guard holding else { return nil }
        holding = false
        trim()
        defer {
            held = []
            cut = 0
        }
        return (held, cut)
    }

    private mutating func trim() {
        guard held.count > limit else { return }
        skipped += held.count - limit
        held.removeFirst(held.count - limit)
    }
}
