import FoundationEssentials
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
    private let late: @Sendable (String) -> Void
    private let signal = WakeSignal()
    private let lateness: PollLateness?

    /// How far past its deadline a check, or past its interval a sleep, may run before the poll counts as late.
    public static let lateness = 0.25

    /// Creates a runner that hands every sample to `report` (called on the probe's thread) and records how
    /// late each poll starts in `lateness`; `late` hears, in one line, of every check that overran its
    /// deadline, and of every next check that started more than ``lateness`` after the interval (a missed
    /// poll: the thread was starved or `report` blocked).
    public init(config: ProbeConfig, environment: [String: String], lateness: PollLateness? = nil,
                late: @escaping @Sendable (String) -> Void = { _ in },
                report: @escaping @Sendable (ProbeSample) -> Void) {
        self.config = config
        self.environment = environment
        self.lateness = lateness
        self.late = late
        self.report = report
    }

    /// Starts polling.
    public func start() {
        WorkerThread.start(name: "probe \(config.name)", stackSize: 512 * 1024) { [self] in run() }
    }

    /// Ends the current sleep so the probe polls at once.
    public func pollNow() { signal.wake() }

    /// Stops after the check in progress, if any (its result is still reported).
    public func stop() { signal.stop() }

    private func run() {
        let checker = CheckerFactory.make(config, environment: environment)
        defer { checker.close() }
        let clock = ContinuousClock()
        repeat {
            if signal.isStopped { return }
            let checking = clock.now
            let sample = checker.check()
            let checked = checking.duration(to: clock.now).seconds
            if checked > config.timeout + Self.lateness {
                late("late poll: \(config.name) check took \(Int(clampingFinite: checked * 1000)) ms against its \(Int(clampingFinite: config.timeout * 1000)) ms deadline")
            }
            let checkEnded = clock.now
            report(sample)
            let due = checkEnded.advanced(by: .milliseconds(Int64(clampingFinite: config.interval * 1000)))
            guard signal.sleep(seconds: config.interval) else { return }
            let now = clock.now
            // A sleep ended early by "poll now" is not late; one that ran past the interval is.
            if now >= due { lateness?.record(due.duration(to: now).seconds, interval: config.interval) }
            let gap = checkEnded.duration(to: now).seconds
            if gap > config.interval + Self.lateness {
                late("late poll: \(config.name) polled \(Int(clampingFinite: (gap - config.interval) * 1000)) ms after its interval")
            }
        } while true
    }
}
