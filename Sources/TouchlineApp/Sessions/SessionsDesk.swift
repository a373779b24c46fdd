import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// The Sessions view's I/O: reads a postgres probe's sessions and runs a confirmed cancel or terminate, each on a
/// thread of its own, posting the answer as an event. Independent of the ``ActionDesk``: a running backup or
/// rehearsal never holds these up.
final class SessionsDesk {
    private let queue: EventQueue
    private let log: StateLog

    /// Creates the desk posting to `queue`.
    init(queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
    }

    /// Reads the sessions of `probe` in `environment`; the answer comes back as `sessionsListed`.
    func list(probe name: String, in environment: EnvironmentConfig) {
        let queue = queue
        guard let probe = environment.probes.first(where: { $0.name == name && $0.kind == .postgres }) else {
            queue.post(.sessionsListed(probe: name, list: nil, error: "no postgres probe \(name) in \(environment.name)", querySeconds: 0))
            return
        }
        WorkerThread.start(name: "touchline-sessions") {
            switch SessionsReader.read(probe) {
            case .success(let reading):
                queue.post(.sessionsListed(probe: name, list: reading.list, error: nil, querySeconds: reading.querySeconds))
            case .failure(let failure):
                queue.post(.sessionsListed(probe: name, list: nil, error: failure.message, querySeconds: 0))
            }
        }
    }

    /// Runs the confirmed `spec` (cancel the query, terminate the session) with its runner; the end comes back as
    /// `sessionSignalled`.
    func signal(_ spec: ActionSpec, in environment: EnvironmentConfig) {
        let queue = queue
        let log = log
        log.write("\(spec.title) in \(spec.environment) confirmed: \(spec.commands.first?.first ?? "")")
        let runner = SessionSignalRunner(environment: environment)
        WorkerThread.start(name: "touchline-\(spec.kind.name)") {
            let report = runner.run(spec, control: ActionControl(), output: ActionOutputSink(line: { log.write($0) }))
            log.write(report.message)
            queue.post(.sessionSignalled(ok: report.ok, message: report.message))
        }
    }
}
