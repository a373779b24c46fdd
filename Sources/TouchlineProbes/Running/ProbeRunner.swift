import Foundation
import TouchlineCore

/// Polls one probe on a thread of its own: check, report, sleep the interval, repeat.
///
/// The sleep starts when the check ends, so checks never overlap; each check has the probe's
/// deadline, and a slow probe never delays another since each has its own thread.
public final class ProbeRunner: Sendable {
    /// The probe being polled.
    public let config: ProbeConfig
    private let environment: [String: String]
    private let report: @Sendable (ProbeSample) -> Void
    private let signal = WakeSignal()
    private let lateness: PollLateness?

    /// Creates a runner that hands every sample to `report` (called on the probe's thread) and records how
    /// late each poll starts in `lateness`.
    public init(config: ProbeConfig, environment: [String: String], lateness: PollLateness? = nil,
                report: @escaping @Sendable (ProbeSample) -> Void) {
        self.config = config
        self.environment = environment
        self.lateness = lateness
        self.report = report
    }

    /// Starts polling.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "probe \(config.name)"
        thread.stackSize = 512 * 1024
        thread.start()
    }

    /// Ends the current sleep so the probe polls at once.
    public func pollNow() { signal.wake() }

    /// Stops after the check in progress, if any (its result is still reported).
    public func stop() { signal.stop() }

    private func run() {
        let checker = CheckerFactory.make(config, environment: environment)
        defer { checker.close() }
        var due: ContinuousClock.Instant?
        repeat {
            if signal.isStopped { return }
            if let due, ContinuousClock.now >= due {
                lateness?.record(due.duration(to: .now).seconds, interval: config.interval)
            }
            report(checker.check())
            due = ContinuousClock.now.advanced(by: .milliseconds(Int64(config.interval * 1000)))
        } while signal.sleep(seconds: config.interval)
    }
}
