/// The Logs view (key `l` on a Services row): one service's log as it streams, with the place the
/// operator scrolled to, the level filter, the search, wrap, and how many lines were dropped or cut.
public struct LogView: Sendable, Equatable {
    /// The service whose log it is.
    public var service: String
    /// Where the log comes from, for the header (``LogSourceConfig/description``).
    public var source: String
    /// The stream's number; batches of other streams are ignored.
    public var stream: Int
    /// The lines kept (at most 10,000).
    public var ring = LogRing()
    /// Lines the reader dropped because the dashboard fell behind (a flood).
    public var dropped = 0
    /// Lines cut to ``LogText/lineLimit`` bytes.
    public var cut = 0
    /// The sequence number of the bottom line while scrolled back; nil follows the newest line.
    public var bottom: Int?
    /// Which levels are shown.
    public var level = LogLevelFilter.all
    /// Whether long lines wrap (else they are cut at the edge and ←/→ scroll sideways).
    public var wrap = true
    /// Columns scrolled sideways while wrap is off.
    public var column = 0
    /// The search text (highlighted; `n`/`N` move between matching lines).
    public var search = ""
    /// Whether keys go to the search text.
    public var editingSearch = false
    /// The sequence number of the current match.
    public var match: Int?
    /// Whether the stream ended (the command exited or failed to start).
    public var ended = false

    /// A view of `service`'s log opening on stream `stream`.
    public init(service: String, source: String, stream: Int) {
        self.service = service
        self.source = source
        self.stream = stream
    }

    /// Whether the view follows the newest line.
    public var following: Bool { bottom == nil }

    /// Adds a batch of its stream; a scrolled-back view keeps its place (or the oldest line, once its place
    /// was evicted).
    public mutating func append(_ batch: LogBatch) {
        guard batch.stream == stream else { return }
        ring.append(contentsOf: batch.lines)
        dropped += batch.dropped
        cut += batch.cut
        if batch.ended { ended = true }
        if let bottom, bottom < ring.firstSequence { self.bottom = ring.firstSequence }
        if let match, match < ring.firstSequence { self.match = nil }
    }

    /// Whether the line with `sequence` passes the level filter.
    public func shows(_ sequence: Int) -> Bool {
        ring[sequence: sequence].map(level.passes) ?? false
    }

    /// The sequence number of the newest line shown, or nil when none passes the filter.
    public var newestShown: Int? {
        var sequence = ring.total - 1
        while sequence >= ring.firstSequence {
            if shows(sequence) { return sequence }
            sequence -= 1
        }
        return nil
    }

    /// The bottom line of the screen: where the operator scrolled to, or the newest line shown.
    public var bottomShown: Int? {
        guard let bottom else { return newestShown }
        var sequence = min(bottom, ring.total - 1)
        while sequence >= ring.firstSequence {
            if shows(sequence) { return sequence }
            sequence -= 1
        }
        return (sequence + 1..<ring.total).first(where: shows)
    }

    /// Scrolls by `delta` shown lines (negative: older); reaching the newest line follows again.
    public mutating func scroll(by delta: Int, page: Int) {
        guard let start = bottomShown else { return }
        var sequence = start
        var moved = 0
        if delta < 0 {
            let top = topLimit(page: page)
            var candidate = sequence - 1
            while moved < -delta && candidate >= ring.firstSequence && sequence > top {
                if shows(candidate) {
                    sequence = candidate
                    moved += 1
                }
                candidate -= 1
            }
            bottom = sequence
        } else {
            var candidate = sequence + 1
            while moved < delta && candidate < ring.total {
                if shows(candidate) {
                    sequence = candidate
                    moved += 1
                }
                candidate += 1
            }
            bottom = sequence >= (newestShown ?? sequence) ? nil : sequence
        }
    }

    /// Home: the oldest lines, a full page of them.
    public mutating func scrollToOldest(page: Int) {
        guard newestShown != nil else { return }
        bottom = topLimit(page: page)
        if bottom == newestShown { bottom = nil }
    }

    /// The smallest bottom line that still fills `page` rows (the `page`-th shown line from the oldest).
    private func topLimit(page: Int) -> Int {
        var seen = 0
        var last = ring.firstSequence
        for sequence in ring.sequences where shows(sequence) {
            seen += 1
            last = sequence
            if seen >= max(1, page) { return sequence }
        }
        return last
    }

    /// Moves to the next match of the search: `older` towards older lines (`n`), else newer (`N`). The
    /// first search starts from the bottom of the screen. Returns false when nothing (else) matches.
    @discardableResult
    public mutating func findMatch(older: Bool) -> Bool {
        guard !search.isEmpty else { return false }
        let from = match ?? ((bottomShown ?? ring.total) + (older ? 1 : -1))
        var sequence = older ? from - 1 : from + 1
        while sequence >= ring.firstSequence && sequence < ring.total {
            if let line = ring[sequence: sequence], level.passes(line), LogSearch.contains(line.text, search) {
                match = sequence
                bottom = sequence >= (newestShown ?? sequence) ? nil : sequence
                return true
            }
            sequence += older ? -1 : 1
        }
        return false
    }

    /// How many shown lines end at ``bottomShown`` (the bottom line and those above it) and how many are newer.
    public var shownAround: (throughBottom: Int, newer: Int) {
        guard let end = bottomShown else { return (0, 0) }
        var through = 0
        var newer = 0
        for sequence in ring.sequences where shows(sequence) {
            if sequence > end { newer += 1 } else { through += 1 }
        }
        return (through, newer)
    }
}
