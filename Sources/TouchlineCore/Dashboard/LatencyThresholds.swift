/// When the API latency pane colours its figures: the platform's own targets by default.
public struct LatencyThresholds: Sendable, Equatable {
    /// p95 above this (seconds) is critical.
    public var p95: Double = 1
    /// The average above this (seconds) is critical.
    public var average: Double = 2
    /// An error rate above this share is critical.
    public var errorRate: Double = 0.05

    /// The platform's defaults: p95 under 1 s, average under 2 s, error rate under 5 %.
    public init() {}
}
