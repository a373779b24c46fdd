import FoundationEssentials
import Synchronization
import TouchlineCore

/// How late probes start their polls: for each poll, the time from when it was due (the previous check's
/// end plus the interval) to when the probe thread actually began it. Shared by every runner; thread-safe.
///
/// Keeps a histogram in 1 ms buckets up to 10 s, so percentiles stay exact to the millisecond in fixed memory.
public final class PollLateness: Sendable {
    /// The figures so far.
    public struct Summary: Sendable, Equatable {
        /// Polls measured (polls run early by "poll now" are not counted).
        public var polls: Int
        /// Lateness percentiles and maximum, in milliseconds.
        public var p50: Double
        public var p99: Double
        public var maximum: Double
        /// Polls that started more than one interval late (a missed poll).
        public var missed: Int
    }

    /// The histogram and counters, behind one lock.
    private struct Record {
        var buckets = [Int](repeating: 0, count: 10_001)
        var count = 0
        var maximum = 0.0
        var missed = 0

        /// The bucket holding the `fraction` quantile, as its upper edge in ms, but never above the exact
        /// maximum (a bucket's edge is an upper bound: 2.2 ms sits in the bucket up to 3, and the p99 of polls
        /// that were all 2.2 ms late is 2.2, not 3).
        func percentile(_ fraction: Double) -> Double {
            guard count > 0 else { return 0 }
            let rank = Int(clampingFinite: (Double(count) * fraction).rounded(.up))
            var seen = 0
            for (index, inBucket) in buckets.enumerated() {
                seen += inBucket
                if seen >= rank { return min(Double(index + 1), maximum) }
            }
            return maximum
        }
    }

    private let record = Mutex(Record())

    /// Creates an empty record.
    public init() {}

    /// Records one poll that started `seconds` after it was due, for a probe polled every `interval` seconds.
    public func record(_ seconds: Double, interval: Double) {
        guard !seconds.isNaN else { return }
        let milliseconds = max(0, seconds * 1000)
        record.withLock { record in
            record.buckets[min(record.buckets.count - 1, Int(clampingFinite: milliseconds.rounded(.down)))] += 1
            record.count += 1
            record.maximum = max(record.maximum, milliseconds)
            if seconds > interval { record.missed += 1 }
        }
    }

    /// The figures so far.
    public var summary: Summary {
        record.withLock { record in
            Summary(polls: record.count, p50: record.percentile(0.50), p99: record.percentile(0.99),
                    maximum: record.maximum, missed: record.missed)
        }
    }

    /// Clears the record (e.g. after a warm-up).
    public func reset() {
        record.withLock { $0 = Record() }
    }

}
