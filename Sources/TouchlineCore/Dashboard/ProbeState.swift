import FoundationEssentials

/// One probe as the dashboard holds it: its config, its history, the status it shows and its current
/// episode of trouble.
public struct ProbeState: Sendable, Equatable {
    public let config: ProbeConfig
    public var window = SampleWindow()
    /// The shown status, changed only when the raw polls hold (the probe's thresholds).
    public var hysteresis = StatusHysteresis()
    /// The stretch of trouble in progress (since the probe left up), for "up again after" in the events.
    public var episode: StatusEpisode?
    /// An http probe's newest response (status line, headers, body start), kept here once per probe
    /// rather than in every sample of the window.
    public var lastResponse: HTTPResponseCapture?

    /// Creates the state of a probe not polled yet.
    public init(config: ProbeConfig) {
        self.config = config
    }

    /// The newest sample.
    public var latest: ProbeSample? { window.latest }

    /// The status shown (`unknown` before the first sample): the newest poll's, held back by
    /// `failure_threshold` / `success_threshold` (see ``StatusHysteresis``).
    public var status: ProbeStatus { hysteresis.status }

    /// The newest poll's own status, before the thresholds.
    public var rawStatus: ProbeStatus { latest?.status ?? .unknown }

    /// When the current episode of trouble began.
    public var troubleSince: Date? { episode?.start }

    /// `degraded 1 of 2 polls` while the newest polls disagree with the shown status, nil otherwise.
    public var pendingText: String? {
        hysteresis.pendingText(failureThreshold: config.failureThreshold, successThreshold: config.successThreshold)
    }

    /// The newest sample that carried metrics of the probe's kind (kept while the probe is down).
    public var lastMetrics: ProbeMetrics? {
        window.retained.last { $0.metrics != .none }?.metrics
    }

    /// The last `count` columns of history (latencies, failures, gaps without polling), oldest first.
    public func recentPoints(_ count: Int) -> [HistoryPoint] {
        window.recentPoints(count)
    }

    /// Polling stops at `time` (its environment is left): the window and the episode keep what they have.
    public mutating func stopPolling(at time: Date) {
        window.stopPolling(at: time)
        episode?.stopPolling(at: time)
    }

    /// Polling starts again at `time` (its environment is shown again).
    public mutating func resumePolling(at time: Date) {
        window.resumePolling(at: time)
        episode?.resumePolling(at: time)
    }
}
