import Foundation
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
    private let processEnvironment: [String: String]

    /// Creates the action.
    public init(environment: EnvironmentConfig, config: RollbackConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
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
        let thread = Thread { [self] in
            let (ok, message) = run(to: release, cancellation: cancellation, progress: progress)
            completion(ok, message)
        }
        thread.name = "touchline-rollback"
        thread.start()
    }

    /// Rolls back to `release` where it is called; refuses a release the list command does not print.
    /// `progress` gets every line the command prints, then the wait.
    public func run(to release: String, cancellation: CancellationSwitch = CancellationSwitch(),
                    progress: @escaping @Sendable (String) -> Void) -> (Bool, String) {
        let report = perform(to: release, cancellation: cancellation, progress: progress)
        return (report.ok, report.message)
    }

    /// Rolls back to `release` where it is called and reports how it ended, with `release`,
    /// `downtime_seconds` and `total_seconds` when it succeeded. An unlisted release or a held lock refuses
    /// it (one audited `refused` record, nothing run).
    public func perform(to release: String, cancellation: CancellationSwitch = CancellationSwitch(),
                        progress: @escaping @Sendable (String) -> Void) -> ActionReport {
        let command = config.command(for: release)
        let refuse = { (reason: String) -> ActionReport in
            try? AuditTrail.notStarted(AuditLog(stateDirectory: self.environment.stateDirectory), outcome: .refused,
                                       environment: self.environment.name, action: Self.name, target: release,
                                       commands: [command], reason: reason)
            return ActionReport(.refused, "refused: \(reason)", figures: ["release": .string(release)])
        }
        switch listReleases() {
        case .failure(let failure): return ActionReport(.failed, failure.description, figures: ["release": .string(release)])
        case .success(let releases) where !releases.contains(release):
            return refuse("\(release) is not a listed release (\(releases.joined(separator: ", ")))")
        case .success: break
        }
        let lock: ActionLock
        do {
            lock = try ActionLock.acquire(stateDirectory: environment.stateDirectory, environment: environment.name,
                                          action: "\(Self.name) \(release)")
        } catch {
            return refuse("\(error)")
        }
        defer { lock.release() }
        let trail: AuditTrail
        do {
            trail = try AuditTrail.begin(AuditLog(stateDirectory: environment.stateDirectory), environment: environment.name,
                                         action: Self.name, target: release, commands: [command])
        } catch {
            return ActionReport(.refused, "refused: cannot write the audit log: \(error)", figures: ["release": .string(release)])
        }
        let monitor = ReleaseMonitor(probe: config.probe, release: release, environment: processEnvironment)
        monitor.start()
        let stopMonitor = cancellation.onFlip { monitor.stop() }
        defer { cancellation.remove(stopMonitor) }
        let started = ContinuousClock.now
        let outcome = ChildProcess.run(command, environment: processEnvironment, directory: config.workingDirectory,
                                       timeout: config.timeout, cancellation: cancellation, onOutput: ChildProcess.lines(to: progress))
        let digest = outcome.digest(secrets: environment.secretValues(in: processEnvironment))
        guard outcome.code == 0 else {
            monitor.stop()
            let reason = outcome.failureReason(timeout: config.timeout, cancellation: cancellation)
            try? trail.end(outcome.failureOutcome, commands: [command], exitStatus: outcome.code, error: reason, output: digest)
            return ActionReport(outcome.failureOutcome, reason, figures: ["release": .string(release)])
        }
        progress("waiting for \(config.probe.name) to report \(release)")
        let result = monitor.wait(seconds: config.waitHealthy)
        let total = started.duration(to: .now).seconds
        if result.downtime == nil, let stop = cancellation.reason {
            let reason = "cancelled while waiting for \(release): \(stop.text)"
            try? trail.end(.cancelled, commands: [command], exitStatus: 0, error: reason, output: digest)
            return ActionReport(.cancelled, reason, figures: ["release": .string(release), "total_seconds": .number(total)])
        }
        guard let downtime = result.downtime else {
            let reason = "\(config.probe.name) did not report \(release) within \(DurationText.format(config.waitHealthy)) (last: \(result.last))"
            try? trail.end(.failed, commands: [command], exitStatus: 0, error: reason, output: digest)
            return ActionReport(.failed, reason, figures: ["release": .string(release), "total_seconds": .number(total)])
        }
        try? trail.end(.ok, commands: [command], exitStatus: 0,
                       details: ["release": release, "downtime_seconds": String(downtime), "total_seconds": String(total)],
                       output: digest)
        let text = String(format: "%@ runs %@ after %.1f s; measured downtime %.2f s", config.probe.name, release, total, downtime)
        return ActionReport(.ok, text, figures: ["release": .string(release), "downtime_seconds": .number(downtime),
                                                 "total_seconds": .number(total)])
    }
}
