import FoundationEssentials

/// The result of one check of one probe.
public struct ProbeSample: Sendable, Equatable {
    /// The probe's name.
    public var probe: String
    /// When the check finished.
    public var time: Date
    public var status: ProbeStatus
    /// Seconds the check took; nil when nothing answered. For a check that ran out of its deadline
    /// (``timedOut``) this is the deadline itself: a lower bound of the latency the caller saw.
    public var latency: Double?
    /// Why the probe is not up (or why it is degraded), in words.
    public var error: String?
    /// The deployed release, when the probe reads one.
    public var version: String?
    /// True when this check also set up the connection: kept out of latency statistics.
    public var includesSetup: Bool
    /// True when the check failed by running out of its deadline (the probe's timeout), so whoever
    /// waited waited at least ``latency`` seconds. Such a check always counts in the latency statistics,
    /// as a lower bound, whether or not it opened a connection; other failures (refused, reset, bad
    /// answer) carry no latency and count only in the error rate.
    public var timedOut: Bool
    public var metrics: ProbeMetrics

    /// Creates a sample.
    public init(probe: String, time: Date, status: ProbeStatus, latency: Double?, error: String? = nil,
                version: String? = nil, includesSetup: Bool = false, timedOut: Bool = false, metrics: ProbeMetrics = .none) {
        self.probe = probe
        self.time = time
        self.status = status
        self.latency = latency
        self.error = error
        self.version = version
        self.includesSetup = includesSetup
        self.timedOut = timedOut
        self.metrics = metrics
    }

    /// A `down` sample for a check that ran out of its `timeout` (seconds): its latency is at least that.
    public static func timedOut(probe: String, time: Date, timeout: Double, error: String) -> ProbeSample {
        ProbeSample(probe: probe, time: time, status: .down, latency: timeout, error: error, timedOut: true)
    }

    /// The latency for people: `12.3 ms`, `≥ 2.0 s` for a check that ran out of its deadline, nil when
    /// nothing answered.
    public var latencyText: String? {
        latency.map { LatencyText.format($0, atLeast: timedOut) }
    }

    /// Applies `latency_warn`: an up sample slower than `threshold` becomes degraded.
    public func applyingLatencyWarn(_ threshold: Double?) -> ProbeSample {
        guard let threshold, status == .up, let latency, latency > threshold else { return self }
        var copy = self
        copy.status = .degraded
        copy.error = "slow: \(LatencyText.format(latency)) > \(DurationText.format(threshold))"
        return copy
    }
}
