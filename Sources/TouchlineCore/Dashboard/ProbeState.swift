import Foundation

/// One probe as the dashboard holds it: its config, its history and when it last changed status.
public struct ProbeState: Sendable, Equatable {
    public let config: ProbeConfig
    public var window = SampleWindow()
    /// When the probe last went down (or degraded), for "recovered after" in the events.
    public var troubleSince: Date?

    /// Creates the state of a probe not polled yet.
    public init(config: ProbeConfig) {
        self.config = config
    }

    /// The newest sample.
    public var latest: ProbeSample? { window.latest }

    /// The current status (`unknown` before the first sample).
    public var status: ProbeStatus { latest?.status ?? .unknown }

    /// The newest sample that carried metrics of the probe's kind (kept while the probe is down).
    public var lastMetrics: ProbeMetrics? {
        window.retained.last { $0.metrics != .none }?.metrics
    }

    /// Latencies of the last `count` samples, nil where nothing answered, oldest first.
    public func recentLatencies(_ count: Int) -> [Double?] {
        window.retained.suffix(count).map { $0.status == .down ? nil : $0.latency }
    }
}
