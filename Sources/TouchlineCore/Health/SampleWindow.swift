import Foundation

/// A probe's rolling history: the last samples, trimmed by age, with statistics over 1 and 5 minutes.
public struct SampleWindow: Sendable, Equatable {
    /// How much history is kept, in seconds (at least 10 minutes).
    public let retention: Double
    /// Samples, oldest first.
    public private(set) var samples: [ProbeSample] = []
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
        samples.append(sample)
        let cutoff = sample.time.addingTimeInterval(-retention)
        while start < samples.count, samples[start].time < cutoff { start += 1 }
        if start >= Self.expiredSlack {
            samples.removeFirst(start)
            start = 0
        }
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

    /// Statistics over the last `seconds` before `now`.
    public func stats(over seconds: Double, now: Date) -> WindowStats {
        let span = recent(seconds, now: now)
        guard !span.isEmpty else {
            return WindowStats(count: 0, p50: nil, p95: nil, p99: nil, average: nil, errorRate: nil, availability: nil)
        }
        let latencies = span.filter { !$0.includesSetup && $0.status != .down }.compactMap(\.latency).sorted()
        let down = span.filter { $0.status == .down }.count
        let average = latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count)
        return WindowStats(count: span.count,
                           p50: Percentiles.value(50, ofSorted: latencies),
                           p95: Percentiles.value(95, ofSorted: latencies),
                           p99: Percentiles.value(99, ofSorted: latencies),
                           average: average,
                           errorRate: Double(down) / Double(span.count),
                           availability: Double(span.count - down) / Double(span.count))
    }

    /// Whether the newest sample is older than three intervals (or there is none).
    public func isStale(now: Date, interval: Double) -> Bool {
        guard let latest else { return true }
        return now.timeIntervalSince(latest.time) > 3 * interval
    }
}
