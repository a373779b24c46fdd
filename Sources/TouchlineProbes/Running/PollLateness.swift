import Foundation

/// How late probes start their polls: for each poll, the time from when it was due (the previous check's
/// end plus the interval) to when the probe thread actually began it. Shared by every runner; thread-safe.
///
/// Keeps a histogram in 1 ms buckets up to 10 s, so percentiles stay exact to the millisecond in fixed memory.
public final class PollLateness: @unchecked Sendable {
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

    private let lock = NSLock()
    private var buckets = [Int](repeating: 0, count: 10_001)
    private var count = 0
    private var maximum = 0.0
    private var missed = 0

    /// Creates an empty record.
    public init() {}

    /// Records one poll that started `seconds` after it was due, for a probe polled every `interval` seconds.
    public func record(_ seconds: Double, interval: Double) {
        let milliseconds = max(0, seconds * 1000)
        lock.withLock {
            buckets[min(buckets.count - 1, Int(milliseconds.rounded(.down)))] += 1
            count += 1
            maximum = max(maximum, milliseconds)
            if seconds > interval { missed += 1 }
        }
    }

    /// The figures so far.
    public var summary: Summary {
        lock.withLock {
            Summary(polls: count, p50: percentile(0.50), p99: percentile(0.99), maximum: maximum, missed: missed)
        }
    }

    /// Clears the record (e.g. after a warm-up).
    public func reset() {
        lock.withLock {
            buckets = [Int](repeating: 0, count: buckets.count)
            count = 0
            maximum = 0
            missed = 0
        }
    }

    /// The bucket holding the `fraction` quantile, as its upper edge in ms (call with the lock held).
    private func percentile(_ fraction: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = Int((Double(count) * fraction).rounded(.up))
        var seen = 0
        for (index, inBucket) in buckets.enumerated() {
            seen += inBucket
            if seen >= rank { return Double(index + 1) }
        }
        return maximum
    }
}
