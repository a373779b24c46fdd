import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// The dashboard's alerts: polls the shown environment's alert source (``AlertPoller``) and runs confirmed
/// silences and expiries on threads of their own, beside any running action (they take no lock); results come
/// back as `alertsPolled` and `alertActionFinished` events.
public final class AlertDesk {
    private let queue: EventQueue
    private let log: StateLog
    private var poller: AlertPoller?

    /// A desk posting to `queue`.
    public init(queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
    }

    /// Polls `environment`'s alert source from now on (stopping the previous environment's), if it has one.
    public func watch(_ environment: EnvironmentConfig) {
        poller?.stop()
        poller = nil
        guard let config = environment.alerts else { return }
        let queue = queue
        let poller = AlertPoller(environment: environment.name, config: config) { queue.post(.alertsPolled($0)) }
        self.poller = poller
        poller.start()
        log.write("alerts of \(environment.name) from \(config.sourceText) every \(DurationText.format(config.interval))")
    }

    /// Polls the alert source now.
    public func pollNow() { poller?.pollNow() }

    /// Stops polling.
    public func stop() {
        poller?.stop()
        poller = nil
    }

    /// Runs the confirmed silence or expiry `spec` in `environment` (its config as the dashboard holds it now) on a
    /// thread of its own; its end comes back as an event.
    public func run(_ spec: ActionSpec, in environment: EnvironmentConfig?) {
        let queue = queue
        guard let environment, let runner = ActionRunners(environments: [environment]).runner(for: spec) else {
            queue.post(.alertActionFinished(AlertActionResult(kind: spec.kind, environment: spec.environment, ok: false,
                                                              message: "no Alertmanager configured for \(spec.environment)")))
            return
        }
        log.write("\(spec.kind.name) in \(environment.name) confirmed: \(spec.lines.first ?? "") \(spec.target ?? "")")
        let log = log
        WorkerThread.start(name: "touchline-\(spec.kind.name)") {
            let report = runner.run(spec, control: ActionControl(), output: ActionOutputSink(line: { log.write($0) }, progress: { _ in }))
            log.write("\(spec.kind.name): \(report.message)")
            queue.post(.alertActionFinished(AlertActionResult(kind: spec.kind, environment: spec.environment, ok: report.ok,
                                                              message: report.message, silenceID: report.figures["silence_id"]?.string)))
        }
    }
}
