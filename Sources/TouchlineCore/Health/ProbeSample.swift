import Foundation

/// The result of one check of one probe.
public struct ProbeSample: Sendable, Equatable {
    /// The probe's name.
    public var probe: String
    /// When the check finished.
    public var time: Date
    public var status: ProbeStatus
    /// Seconds the check took; nil when nothing answered.
    public var latency: Double?
    /// Why the probe is not up (or why it is degraded), in words.
    public var error: String?
    /// The deployed release, when the probe reads one.
    public var version: String?
    /// True when this check also set up the connection: kept out of latency statistics.
    public var includesSetup: Bool
    public var metrics: ProbeMetrics

    /// Creates a sample.
    public init(probe: String, time: Date, status: ProbeStatus, latency: Double?, error: String? = nil,
                version: String? = nil, includesSetup: Bool = false, metrics: ProbeMetrics = .none) {
        self.probe = probe
        self.time = time
        self.status = status
        self.latency = latency
        self.error = error
        self.version = version
        self.includesSetup = includesSetup
        self.metrics = metrics
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
