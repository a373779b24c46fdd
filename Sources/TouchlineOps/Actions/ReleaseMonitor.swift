import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Polls a probe every 100 ms on a thread of its own until it is up and reports a given release,
/// measuring how long it was not up on the way.
final class ReleaseMonitor: @unchecked Sendable {
    private let probe: ProbeConfig
    private let release: String
    private let environment: [String: String]
    private let condition = ConditionVariable()
    private var stopped = false
    private var downtime: Double?
    private var last = "no answer yet"

    init(probe: ProbeConfig, release: String, environment: [String: String]) {
        self.probe = probe
        self.release = release
        self.environment = environment
    }

    /// Starts polling.
    func start() {
        WorkerThread.start(name: "touchline-release-monitor") { [self] in poll() }
    }

    /// Stops polling.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to `seconds` for the release to be up; returns the downtime (nil when it never was) and the last observation.
    func wait(seconds: Double) -> (downtime: Double?, last: String) {
        let until = ContinuousClock.now.advanced(by: .seconds(seconds))
        condition.lock()
        defer { condition.unlock() }
        while downtime == nil && !stopped {
            if !condition.wait(until: until) { break }
        }
        stopped = true
        return (downtime, last)
    }

    private func poll() {
        let checker = CheckerFactory.make(probe, environment: environment)
        defer { checker.close() }
        var downSince: ContinuousClock.Instant?
        var down = 0.0
        while true {
            condition.lock()
            let done = stopped
            condition.unlock()
            if done { return }
            let sample = checker.check()
            let now = ContinuousClock.now
            if sample.status == .up || sample.status == .degraded {
                if let since = downSince {
                    down += since.duration(to: now).seconds
                    downSince = nil
                }
                if sample.version == release {
                    condition.lock()
                    downtime = down
                    condition.broadcast()
                    condition.unlock()
                    return
                }
            } else if downSince == nil {
                downSince = now
            }
            condition.lock()
            last = sample.status == .up ? "up, version \(sample.version ?? "unknown")" : (sample.error ?? sample.status.rawValue)
            condition.unlock()
            BlockingSleep.seconds(0.1)
        }
    }
}
