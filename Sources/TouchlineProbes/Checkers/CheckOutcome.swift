import FoundationEssentials
import TouchlineCore

/// What a checker's body found; ``measure(_:body:)`` turns it into a sample.
struct CheckOutcome {
    var status: ProbeStatus = .up
    var error: String?
    var version: String?
    var includesSetup = false
    var metrics: ProbeMetrics = .none
    /// Overrides the measured wall time, e.g. with the query round trip only.
    var latency: Double?

    /// Runs `body` with the probe's deadline and times it; a thrown failure becomes a `down` sample, one
    /// that ran out of the deadline a timed-out sample whose latency is at least the timeout.
    static func measure(_ config: ProbeConfig, body: (Deadline) throws(ProbeFailure) -> CheckOutcome) -> ProbeSample {
        let deadline = Deadline(seconds: config.timeout)
        let start = ContinuousClock.now
        do {
            let outcome = try body(deadline)
            let elapsed = start.duration(to: .now).seconds
            return ProbeSample(probe: config.name, time: Date(), status: outcome.status, latency: outcome.latency ?? elapsed,
                               error: outcome.error, version: outcome.version, includesSetup: outcome.includesSetup,
                               metrics: outcome.metrics).applyingLatencyWarn(config.latencyWarn)
        } catch where error.deadlineExceeded {
            return ProbeSample.timedOut(probe: config.name, time: Date(), timeout: config.timeout, error: error.message)
        } catch {
            return ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: error.message)
        }
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
