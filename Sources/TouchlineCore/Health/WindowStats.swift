/// Latency percentiles, error rate and availability of a probe over a span of time.
public struct WindowStats: Sendable, Equatable {
    /// Samples in the span.
    public var count: Int
    /// Latency percentiles and mean over answered samples, connection setups excluded (seconds).
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var average: Double?
    /// Share of samples that were down.
    public var errorRate: Double?
    /// Share of samples that were up or degraded.
    public var availability: Double?

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
