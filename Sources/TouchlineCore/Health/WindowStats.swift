/// Latency percentiles, error rate and availability of a probe over a span of time.
public struct WindowStats: Sendable, Equatable {
    /// Samples in the span.
    public var count: Int
    /// Latency percentiles and mean in seconds, over answered samples (connection setups excluded) and
    /// every check that ran out of its deadline, counted at its timeout (setup or not).
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var average: Double?
    /// Whether each figure is only a lower bound (`≥`): checks that timed out count at their timeout, so
    /// the real figure may be higher. See ``Percentiles/bound(_:ofSorted:)``.
    public var p50IsLowerBound = false
    public var p95IsLowerBound = false
    public var p99IsLowerBound = false
    public var averageIsLowerBound = false
    /// Share of samples that were down.
    public var errorRate: Double?
    /// Share of samples that were up or degraded.
    public var availability: Double?
    /// Samples that ran out of their deadline (also counted in ``errorRate``).
    public var timedOut = 0
    /// Seconds of the span in which the probe was not polled (its environment was not shown): no samples
    /// are made up for them, they are just not in ``count``.
    public var unpolledSeconds: Double = 0

    /// Creates stats from their parts.
    public init(count: Int, p50: Double?, p95: Double?, p99: Double?, average: Double?,
                errorRate: Double?, availability: Double?) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.average = average
        self.errorRate = errorRate
        self.availability = availability
    }
}
