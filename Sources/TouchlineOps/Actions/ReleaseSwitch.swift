import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// What deploy and rollback share: under the action lock and in the audit log, run a command template
/// with `{release}` while polling the probe every 100 ms; done only when the probe is up AND reports the
/// release. The measured downtime is what the probe saw.
struct ReleaseSwitch: Sendable {
    let environment: EnvironmentConfig
    let action: String
    let probe: ProbeConfig
    let command: [String]
    let waitHealthy: Double
    let timeout: Double
    let workingDirectory: String
    let processEnvironment: [String: String]
    let heldLock: ActionLock?

    /// Switches to `release` where it is called; `progress` gets every line the command prints, then the
    /// wait. Flipping `cancellation` stops the command's process group, or the wait. `compensates` (audited
    /// as `compensates`) says what this switch undoes, when it is a compensating step. A switch that ran
    /// and did not succeed asks the probe once which release it left running (``ReleaseSwitchOutcome/leftOn``,
    /// audited as `left_on`).
    func run(to release: String, cancellation: CancellationSwitch = CancellationSwitch(), compensates: String? = nil,
             progress: @escaping @Sendable (String) -> Void) -> ReleaseSwitchOutcome {
        let argv = command.map { $0.replacing("{release}", with: release) }
        let envelope = ActionEnvelope(environment: environment, action: action, target: release,
                                      lockName: "\(action) \(release)", commands: [argv], heldLock: heldLock)
        return envelope.run(details: { lock in
            var details = envelope.lockDetails(lock, takeover: false)
            if let compensates { details["compensates"] = .string(compensates) }
            return details
        }, refused: { refusal in
            switch refusal {
            case .lockHeld(let error):
                ReleaseSwitchOutcome(succeeded: false, message: "refused: \(error)", outcome: .refused)
            case .auditUnwritable(let error):
                ReleaseSwitchOutcome(succeeded: false, message: "refused: cannot write the audit log: \(error)", outcome: .refused)
            }
        }, body: { trail in
            let snapshot = ConfigSnapshotAction.before("\(action) \(release)", environment: environment, progress: progress)
            var outcome = switchRelease(to: release, argv: argv, trail: trail, cancellation: cancellation, progress: progress)
            outcome.configSnapshot = snapshot
            return outcome
        })
    }

    /// The switch itself, inside its envelope: the command while the probe is watched, then the wait; ends `trail`.
    private func switchRelease(to release: String, argv: [String], trail: AuditTrail, cancellation: CancellationSwitch,
                               progress: @escaping @Sendable (String) -> Void) -> ReleaseSwitchOutcome {
        let monitor = ReleaseMonitor(probe: probe, release: release, environment: processEnvironment)
        monitor.start()
        let stopMonitor = cancellation.onFlip { monitor.stop() }
        defer { cancellation.remove(stopMonitor) }
        let started = ContinuousClock.now
        let outcome = ChildProcess.run(argv, environment: processEnvironment, directory: workingDirectory,
                                       timeout: timeout, cancellation: cancellation, onOutput: ChildProcess.lines(to: progress))
        let digest = outcome.digest(secrets: environment.secretValues(in: processEnvironment))
        guard outcome.code == 0 else {
            monitor.stop()
            let leftOn = runningRelease()
            let reason = outcome.failureReason(timeout: timeout, cancellation: cancellation) + "; \(leftText(leftOn))"
            try? trail.end(outcome.failureOutcome, commands: [argv], exitStatus: outcome.code, details: ["left_on": .string(leftOn)],
                           error: reason, output: digest)
            let tail = (outcome.errorOutput + outcome.output).split(whereSeparator: \.isNewline).suffix(15).joined(separator: "\n")
            return ReleaseSwitchOutcome(succeeded: false, message: reason, total: started.duration(to: .now).seconds,
                                        commandRan: true, outputTail: tail, outcome: outcome.failureOutcome, leftOn: leftOn)
        }
        progress("waiting for \(probe.name) to report \(release)")
        let result = monitor.wait(seconds: waitHealthy)
        let total = started.duration(to: .now).seconds
        if result.downtime == nil, let stop = cancellation.reason {
            let leftOn = runningRelease()
            let reason = "cancelled while waiting for \(release): \(stop.text); \(leftText(leftOn))"
            try? trail.end(.cancelled, commands: [argv], exitStatus: 0, details: ["left_on": .string(leftOn)], error: reason, output: digest)
            return ReleaseSwitchOutcome(succeeded: false, message: reason, total: total, commandRan: true, outcome: .cancelled,
                                        leftOn: leftOn)
        }
        guard let downtime = result.downtime else {
            let leftOn = runningRelease()
            let reason = "\(probe.name) did not report \(release) within \(DurationText.format(waitHealthy)) (last: \(result.last))"
            var withLog = digest
            withLog.logTail = ServiceLogCapture.capture(probe.name, in: environment, processEnvironment: processEnvironment)
            ServiceLogCapture.show(withLog.logTail, service: probe.name, progress: progress)
            try? trail.end(.failed, commands: [argv], exitStatus: 0, details: ["left_on": .string(leftOn)], error: reason, output: withLog)
            return ReleaseSwitchOutcome(succeeded: false, message: reason, total: total, commandRan: true, leftOn: leftOn)
        }
        try? trail.end(.ok, commands: [argv], exitStatus: 0,
                       details: ["release": .string(release), "downtime_seconds": .number(downtime), "total_seconds": .number(total)],
                       output: digest)
        return ReleaseSwitchOutcome(succeeded: true,
                                    message: "\(probe.name) runs \(release) after \(SecondsText.format(total)); "
                                        + "measured downtime \(SecondsText.format(downtime))",
                                    downtime: downtime, total: total, commandRan: true)
    }

    /// The release the probe reports now (one check), or `not reported`.
    private func runningRelease() -> String {
        let checker = CheckerFactory.make(probe, environment: processEnvironment)
        defer { checker.close() }
        return checker.check().version ?? Self.notReported
    }

    /// `staging left on 1.6.0`, or `staging left with api reporting no release`.
    private func leftText(_ leftOn: String) -> String {
        leftOn == Self.notReported ? "\(environment.name) left with \(probe.name) reporting no release"
            : "\(environment.name) left on \(leftOn)"
    }

    /// What ``ReleaseSwitchOutcome/leftOn`` holds when the probe gave no version.
    static let notReported = "not reported"
}
