import FoundationEssentials
import TouchlineCore

/// Polls one environment's alert source on a thread of its own: poll, report, sleep the config's interval
/// (the sleep starts after the poll ends, so polls never overlap), wakeable for "poll now" and "stop".
/// Each poll has the config's timeout as its deadline, so a source that hangs delays nothing else.
public final class AlertPoller: Sendable {
    private let environment: String
    private let config: AlertsConfig
    private let report: @Sendable (AlertsPoll) -> Void
    private let signal = WakeSignal()

    /// A poller for `environment` with `config`; `report` gets every poll's result on the poller's thread.
    public init(environment: String, config: AlertsConfig, report: @escaping @Sendable (AlertsPoll) -> Void) {
        self.environment = environment
        self.config = config
        self.report = report
    }

    /// Starts the thread (first poll at once).
    public func start() {
        WorkerThread.start(name: "touchline-alerts-\(environment)") { [self] in
            let client = AlertSourceClient(config: config)
            defer { client.close() }
            repeat {
                let poll = client.poll(environment: environment)
                guard !signal.isStopped else { return }
                report(poll)
            } while signal.sleep(seconds: config.interval)
        }
    }

    /// Polls now (ends the current sleep).
    public func pollNow() { signal.wake() }

    /// Stops after the poll under way, if any (its result is not reported).
    public func stop() { signal.stop() }
}
