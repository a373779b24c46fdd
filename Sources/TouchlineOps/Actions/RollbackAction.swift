import FoundationEssentials
import TouchlineCore

/// Rolls the application back to a listed release: under the action lock and in the audit log, runs the
/// rollback command while polling the probe every 100 ms, and is done only when the probe is up AND
/// reports the chosen release; the measured downtime is what the probe saw.
public final class RollbackAction: Sendable {
    /// The action's name in dialogs and the audit log.
    public static let name = "rollback"
    /// The environment it acts on.
    public let environment: EnvironmentConfig
    /// Commands, probe and deadlines.
    public let config: RollbackConfig
    /// A lock the caller holds for a larger operation, under which this action runs instead of taking its own.
    public let heldLock: ActionLock?
    private let processEnvironment: [String: String]

    /// Creates the action.
    public init(environment: EnvironmentConfig, config: RollbackConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment, heldLock: ActionLock? = nil) {
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
        self.heldLock = heldLock
    }

    /// Runs the list command: the releases newest first, or why they could not be listed.
    public func listReleases() -> Result<[String], ActionFailure> {
        let outcome = ChildProcess.run(config.listCommand, environment: processEnvironment,
                                       directory: config.workingDirectory, timeout: min(config.timeout, 30))
        guard outcome.code == 0 else {
            let tail = outcome.errorOutput.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            return .failure(ActionFailure("listing releases failed (exit \(outcome.code))\(tail.isEmpty ? "" : ": \(tail)")"))
        }
        let releases = RollbackConfig.releases(in: outcome.output)
        return releases.isEmpty ? .failure(ActionFailure("the list command printed no releases")) : .success(releases)
    }

    /// Rolls back to `release` on a thread of its own; `completion` gets success and a sentence with the measured figures.
    /// Flipping `cancellation` stops the command's process group, or the wait for the release.
    public func start(to release: String, cancellation: CancellationSwitch = CancellationSwitch(),
                      progress: @escaping @Sendable (String) -> Void,
                      completion: @escaping @Sendable (Bool, String) -> Void) {
        WorkerThread.start(name: "touchline-rollback") { [self] in
            let (ok, message) = run(to: release, cancellation: cancellation, progress: progress)
            completion(ok, message)
        }
    }

    /// Rolls back to `release` where it is called; refuses a release the list command does not print.
    /// `progress` gets every line the command prints, then the wait.
    public func run(to release: String, cancellation: CancellationSwitch = CancellationSwitch(),
                    progress: @escaping @Sendable (String) -> Void) -> (Bool, String) {
        let outcome = measure(to: release, cancellation: cancellation, progress: progress)
        return (outcome.succeeded, outcome.message)
    }

    /// Rolls back to `release` where it is called and reports how it ended, with `release`,
    /// `downtime_seconds` and `total_seconds` when it succeeded. An unlisted release or a held lock refuses
    /// it (one audited `refused` record, nothing run). `listed`: what the list command printed moments
    /// ago (the caller's own listing), so it is not run again right before the switch; nil runs it.
    public func perform(to release: String, listed: [String]? = nil, cancellation: CancellationSwitch = CancellationSwitch(),
                        progress: @escaping @Sendable (String) -> Void) -> ActionReport {
        let switched = measure(to: release, listed: listed, cancellation: cancellation, progress: progress)
        var figures: [String: JSONValue] = ["release": .string(release)]
        if switched.commandRan { figures["total_seconds"] = .number(switched.total) }
        if let downtime = switched.downtime { figures["downtime_seconds"] = .number(downtime) }
        return ActionReport(switched.outcome, switched.message, figures: figures)
    }

    /// Rolls back to `release` where it is called, returning the measured figures (downtime, total time) and,
    /// when the command failed, its output tail and the release left running; refuses a release the list
    /// command does not print (`listed`, when the caller has just run it; nil runs it here). `compensates` marks
    /// (and audits) a rollback that undoes a deploy.
    public func measure(to release: String, listed: [String]? = nil, cancellation: CancellationSwitch = CancellationSwitch(),
                        compensates: String? = nil,
                        progress: @escaping @Sendable (String) -> Void) -> ReleaseSwitchOutcome {
        switch listed.map({ Result<[String], ActionFailure>.success($0) }) ?? listReleases() {
        case .failure(let failure): return ReleaseSwitchOutcome(succeeded: false, message: failure.description)
        case .success(let releases) where !releases.contains(release):
            let reason = "\(release) is not a listed release (\(releases.joined(separator: ", ")))"
            try? AuditTrail.notStarted(AuditLog(environment: environment), outcome: .refused,
                                       environment: environment.name, action: Self.name, target: release,
                                       commands: [config.command(for: release)], reason: reason)
            return ReleaseSwitchOutcome(succeeded: false, message: "refused: \(reason)", outcome: .refused)
        case .success: break
        }
        let releaseSwitch = ReleaseSwitch(environment: environment, action: Self.name, probe: config.probe, command: config.command,
                                          waitHealthy: config.waitHealthy, timeout: config.timeout,
                                          workingDirectory: config.workingDirectory, processEnvironment: processEnvironment,
                                          heldLock: heldLock)
        return releaseSwitch.run(to: release, cancellation: cancellation, compensates: compensates, progress: progress)
    }
}
