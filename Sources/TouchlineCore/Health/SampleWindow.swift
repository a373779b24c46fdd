import FoundationEssentials

/// A probe's rolling history: the last samples, trimmed by age, with statistics over 1 and 5 minutes,
/// and the stretches in which the probe was not polled (its environment was not shown).
public struct SampleWindow: Sendable, Equatable {
    /// How much history is kept, in seconds (at least 10 minutes).
    public let retention: Double
    /// Samples, oldest first.
    public private(set) var samples: [ProbeSample] = []
    /// Stretches without polling, oldest first; dropped once they end before the retention.
    public private(set) var gaps: [UnpolledSpan] = []
    private var start = 0

    /// Creates an empty window keeping `retention` seconds of samples.
    public init(retention: Double = 900) {
        self.retention = retention
    }

    /// The newest sample.
    public var latest: ProbeSample? { samples.last }

    /// How many expired samples may wait at the front before they are removed in one move: the window
    /// then holds at most the retention plus this many, so memory plateaus once the retention is full.
    public static let expiredSlack = 64

    /// Appends a sample and drops the ones older than the retention.
    public mutating func append(_ sample: ProbeSample) {
        if let last = samples.indices.last { samples[last].metrics = samples[last].metrics.retained }
        samples.append(sample)
        expire(before: sample.time.addingTimeInterval(-retention))
    }

    /// Marks the probe as no longer polled from `time` on (its environment is being left). The window
    /// keeps its samples; they age out at the retention like any others.
    public mutating func stopPolling(at time: Date) {
        guard gaps.last.map({ $0.to != nil }) ?? true else { return }
        gaps.append(UnpolledSpan(from: time, to: nil))
    }

    /// Ends the stretch without polling at `time` (the environment is shown again) and drops whatever
    /// expired meanwhile.
    public mutating func resumePolling(at time: Date) {
        if let last = gaps.indices.last, gaps[last].to == nil { gaps[last].to = max(time, gaps[last].from) }
        expire(before: time.addingTimeInterval(-retention))
    }

    /// Drops samples and gaps older than `cutoff` (at most ``expiredSlack`` samples wait in place).
    private mutating func expire(before cutoff: Date) {
        while start < samples.count, samples[start].time < cutoff { start += 1 }
        if start >= Self.expiredSlack || (start > 0 && start == samples.count) {
            samples.removeFirst(start)
            start = 0
        }
        while let first = gaps.first, let end = first.to, end < cutoff { gaps.removeFirst() }
    }

    /// Samples still inside the retention, oldest first.
    public var retained: ArraySlice<ProbeSample> { samples[start...] }

    /// Samples newer than `seconds` before `now`.
    public func recent(_ seconds: Double, now: Date) -> ArraySlice<ProbeSample> {
        let cutoff = now.addingTimeInterval(-seconds)
        let slice = retained
        let first = slice.firstIndex { $0.time >= cutoff } ?? slice.endIndex
        return slice[first...]
    }

    /// The last `count` columns of history, oldest first: one per sample (its latency, or a failure when
    /// it was down) and one ``HistoryPoint/gap`` where the probe was not polled.
    public func recentPoints(_ count: Int) -> [HistoryPoint] {
        guard count > 0 else { return [] }
        var points: [HistoryPoint] = []
        var gapIndex = gaps.count - 1
        for sample in retained.reversed() {
            while gapIndex >= 0, gaps[gapIndex].from >= sample.time {
                points.append(.gap)
                gapIndex -= 1
            }
            if points.count >= count { break }
            points.append(sample.historyPoint)
            if points.count >= count { break }
        }
        if points.count < count, gapIndex >= 0, !retained.isEmpty { points.append(.gap) }
        return Array(points.prefix(count).reversed())
    }

    /// Statistics over the last `seconds` before `now`.
    ///
    /// Latency figures cover answered samples that did not open a connection, and every sample that ran
    /// out of its deadline at its timeout (a lower bound, whatever it had to set up); other failures count
    /// only in the error rate. Time without polling is reported in ``WindowStats/unpolledSeconds``.
    public func stats(over seconds: Double, now: Date) -> WindowStats {
        let span = recent(seconds, now: now)
        let spanStart = now.addingTimeInterval(-seconds)
        let unpolled = gaps.reduce(0) { $0 + $1.seconds(between: spanStart, and: now) }
        guard !span.isEmpty else {
            var empty = WindowStats(count: 0, p50: nil, p95: nil, p99: nil, average: nil, errorRate: nil, availability: nil)
            empty.unpolledSeconds = unpolled
            return empty
        }
        var values: [(value: Double, atLeast: Bool)] = []
        var down = 0
        var timedOut = 0
        for sample in span {
            if sample.status == .down { down += 1 }
            if sample.timedOut, let bound = sample.latency {
                timedOut += 1
                values.append((bound, true))
            } else if !sample.includesSetup, sample.status != .down, let latency = sample.latency {
                values.append((latency, false))
            }
        }
        let sorted = Percentiles.sortedBounds(values)
        let p50 = Percentiles.bound(50, ofSorted: sorted)
        let p95 = Percentiles.bound(95, ofSorted: sorted)
        let p99 = Percentiles.bound(99, ofSorted: sorted)
        var stats = WindowStats(count: span.count, p50: p50?.value, p95: p95?.value, p99: p99?.value,
                                average: sorted.isEmpty ? nil : sorted.reduce(0) { $0 + $1.value } / Double(sorted.count),
                                errorRate: Double(down) / Double(span.count),
                                availability: Double(span.count - down) / Double(span.count))
        stats.p50IsLowerBound = p50?.atLeast ?? false
        stats.p95IsLowerBound = p95?.atLeast ?? false
        stats.p99IsLowerBound = p99?.atLeast ?? false
        stats.averageIsLowerBound = timedOut > 0
        stats.timedOut = timedOut
        stats.unpolledSeconds = unpolled
        return stats
    }

    /// Whether the newest sample is older than three intervals (or there is none).
    public func isStale(now: Date, interval: Double) -> Bool {
        guard let latest else { return true }
        return now.timeIntervalSince(latest.time) > 3 * interval
    }
}
