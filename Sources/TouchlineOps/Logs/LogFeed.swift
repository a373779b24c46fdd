import Synchronization
import TouchlineCore

/// Between a log reader thread and the dashboard: lines wait here (at most ``LogRing/lineLimit``; beyond
/// that the oldest are dropped and counted) and go out as one ``LogBatch`` at most every 30 ms (about one per frame: the loop paints at most 30 frames a second, and a frame interval under 50 ms needs batches more often than that), and only
/// when the dashboard took the previous one (``delivered()``): a flood never queues more than one batch.
final class LogFeed: Sendable {
    private struct Pending {
        var lines: [LogLine] = []
        var dropped = 0
        var cut = 0
        var ended = false
        var endSent = false
        var inFlight = false
        var lastPost = ContinuousClock.now.advanced(by: .seconds(-1))
    }

    /// Lines waiting at most.
    static let limit = LogRing.lineLimit
    /// The shortest time between two batches.
    static let interval = Duration.milliseconds(30)

    private let stream: Int
    private let deliver: @Sendable (LogBatch) -> Void
    private let pending = Mutex(Pending())
    private let taken: Bool

    /// A feed of stream `stream` handing batches to `deliver` (called on the reader's thread, or on the
    /// thread that calls ``delivered()``); `taken`: a batch counts as taken once `deliver` returns (a
    /// consumer that writes it out at once, like `touchline logs --follow`).
    init(stream: Int, taken: Bool = false, deliver: @escaping @Sendable (LogBatch) -> Void) {
        self.stream = stream
        self.taken = taken
        self.deliver = deliver
    }

    /// Adds lines read (`cut` of them were cut to the line limit).
    func add(_ lines: [LogLine], cut: Int = 0) {
        guard !lines.isEmpty || cut > 0 else { return }
        pending.withLock { pending in
            pending.lines.append(contentsOf: lines)
            pending.cut += cut
            if pending.lines.count > Self.limit {
                let excess = pending.lines.count - Self.limit
                pending.lines.removeFirst(excess)
                pending.dropped += excess
            }
        }
    }

    /// The stream ended: `notes` say why; they go out with the last batch.
    func end(_ notes: [LogLine]) {
        pending.withLock { pending in
            pending.lines.append(contentsOf: notes)
            pending.ended = true
        }
        flush(force: true)
    }

    /// Sends the waiting lines when the interval has passed and the previous batch was taken.
    func flush(force: Bool = false) {
        let batch: LogBatch? = pending.withLock { pending in
            guard !pending.inFlight, !pending.endSent,
                  !pending.lines.isEmpty || pending.ended || pending.dropped > 0 else { return nil }
            guard force || ContinuousClock.now >= pending.lastPost.advanced(by: Self.interval) else { return nil }
            let batch = LogBatch(stream: stream, lines: pending.lines, dropped: pending.dropped, cut: pending.cut, ended: pending.ended)
            pending.lines = []
            pending.lines.reserveCapacity(1024)
            pending.dropped = 0
            pending.cut = 0
            pending.inFlight = !taken
            pending.endSent = pending.ended
            pending.lastPost = .now
            return batch
        }
        if let batch { deliver(batch) }
    }

    /// The dashboard applied the last batch: the next may go (at once when the stream has ended).
    func delivered() {
        let endWaiting = pending.withLock { pending -> Bool in
            pending.inFlight = false
            return pending.ended && !pending.endSent
        }
        if endWaiting { flush(force: true) }
    }
}
