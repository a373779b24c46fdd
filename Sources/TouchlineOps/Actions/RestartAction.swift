import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Restarts a service: under the environment's action lock and in the audit log, runs its command
/// (output streamed as progress), then polls its probe until it is up or `wait_healthy` runs out.
public final class RestartAction: Sendable {
    /// The action's name in dialogs and the audit log.
    public static let name = "restart"
    /// The environment it acts on.
    public let environment: EnvironmentConfig
    /// What to run and which probe must come back.
    public let config: RestartConfig
    private let processEnvironment: [String: String]

    /// Creates the action; nothing runs until ``start(progress:completion:)``.
    public init(environment: EnvironmentConfig, config: RestartConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
    }

    /// Runs on a thread of its own; `progress` gets output lines, `completion` whether the service is
    /// healthy again and a sentence saying so (with the measured time to healthy) or why not. Flipping
    /// `cancellation` stops the command's process group, or the wait for health.
    public func start(cancellation: CancellationSwitch = CancellationSwitch(),
                      progress: @escaping @Sendable (String) -> Void,
                      completion: @escaping @Sendable (Bool, String) -> Void) {
        WorkerThread.start(name: "touchline-restart") { [self] in
            let (ok, message) = run(cancellation: cancellation, progress: progress)
            completion(ok, message)
        }
    }

    /// Runs the restart where it is called; `progress` gets every line the command prints, then the wait.
    public func run(cancellation: CancellationSwitch = CancellationSwitch(),
                    progress: @escaping @Sendable (String) -> Void) -> (Bool, String) {
        let report = perform(cancellation: cancellation, progress: progress)
        return (report.ok, report.message)
    }

    /// Runs the restart where it is called and reports how it ended, with `time_to_healthy_seconds` when
    /// it came back. A held lock refuses it (one audited `refused` record, nothing run).
    public func perform(cancellation: CancellationSwitch = CancellationSwitch(),
                        progress: @escaping @Sendable (String) -> Void) -> ActionReport {
        let service = config.probe.name
        let envelope = ActionEnvelope(environment: environment, action: Self.name, target: service,
                                      lockName: "\(Self.name) \(service)", commands: [config.command])
        return envelope.run(refused: { refusal in
            switch refusal {
            case .lockHeld(let error): ActionReport(.refused, "refused: \(error)")
            case .auditUnwritable(let error): ActionReport(.refused, "refused: cannot write the audit log: \(error)")
            }
        }, body: { trail in restart(trail: trail, cancellation: cancellation, progress: progress) })
    }

    /// The restart itself, inside its envelope: the command, then the wait for the probe; ends `trail`.
    private func restart(trail: AuditTrail, cancellation: CancellationSwitch,
                         progress: @escaping @Sendable (String) -> Void) -> ActionReport {
        let service = config.probe.name
        let started = ContinuousClock.now
        let outcome = ChildProcess.run(config.command, environment: processEnvironment, directory: config.workingDirectory,
                                       timeout: config.timeout, cancellation: cancellation, onOutput: ChildProcess.lines(to: progress))
        let digest = outcome.digest(secrets: environment.secretValues(in: processEnvironment))
        guard outcome.code == 0 else {
            let left = stateLeft()
            let reason = outcome.failureReason(timeout: config.timeout, cancellation: cancellation) + "; \(left.text)"
            try? trail.end(outcome.failureOutcome, commands: [config.command], exitStatus: outcome.code,
                           details: ["left_status": .string(left.status)], error: reason, output: digest)
            return ActionReport(outcome.failureOutcome, "\(service): \(reason)")
        }
        progress("waiting for \(service) to be up (up to \(DurationText.format(config.waitHealthy)))")
        let checker = CheckerFactory.make(config.probe, environment: processEnvironment)
        defer { checker.close() }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: config.waitHealthy * 1000)))
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let reason = cancellation.reason {
                let left = stateLeft()
                try? trail.end(.cancelled, commands: [config.command], exitStatus: 0, details: ["left_status": .string(left.status)],
                               error: "cancelled while waiting: \(reason.text); \(left.text)", output: digest)
                return ActionReport(.cancelled, "\(service): cancelled while waiting for it to be up; \(left.text)")
            }
            let sample = checker.check()
            if sample.status == .up {
                let seconds = started.duration(to: .now)
                let text = "\(service) healthy \(SecondsText.format(seconds.seconds)) after the restart began"
                try? trail.end(.ok, commands: [config.command], exitStatus: 0,
                               details: ["time_to_healthy_seconds": .number(seconds.seconds)], output: digest)
                return ActionReport(.ok, text, figures: ["time_to_healthy_seconds": .number(seconds.seconds)])
            }
            last = sample.error ?? sample.status.rawValue
            BlockingSleep.seconds(0.25)
        }
        let reason = "not healthy within \(DurationText.format(config.waitHealthy)) (last: \(last))"
        var withLog = digest
        withLog.logTail = ServiceLogCapture.capture(service, in: environment, processEnvironment: processEnvironment)
        ServiceLogCapture.show(withLog.logTail, service: service, progress: progress)
        try? trail.end(.failed, commands: [config.command], exitStatus: 0, error: reason, output: withLog)
        return ActionReport(.failed, "\(service) \(reason)")
    }

    /// After a cancel or a failed command: what the service's probe says now (one check), as the audit's
    /// `left_status` and a sentence — `redis left down (connection refused): s starts it`, or `redis is up`.
    private func stateLeft() -> (status: String, text: String) {
        let checker = CheckerFactory.make(config.probe, environment: processEnvironment)
        defer { checker.close() }
        let sample = checker.check()
        let service = config.probe.name
        if sample.status == .up { return (sample.status.rawValue, "\(service) is up") }
        let why = sample.error.map { " (\($0))" } ?? ""
        return (sample.status.rawValue, "\(service) left \(sample.status.rawValue)\(why): s starts it again")
    }
}
