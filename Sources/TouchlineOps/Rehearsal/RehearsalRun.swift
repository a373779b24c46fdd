import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// The staging deployment rehearsal as one run: preflight, backup, deploy, functional checks, load test,
/// application rollback, database restore and post-rollback verification, every figure measured.
///
/// The rehearsal holds the environment's ``ActionLock`` for its whole run; its backup, deploy, rollback
/// and restore run under that lock (``ActionLock/acquire(unlessHeld:stateDirectory:environment:action:identity:)``)
/// and write their own audit records beside the rehearsal's start and end records. The first failing step
/// stops the run; when the deploy command had run and `rollback_on_failure` is on, the application is
/// rolled back to the release that ran before. The report is written as Markdown and JSON.
///
/// Cancelling has two stages. ``cancel(reason:)`` stops the forward work (the running step fails as
/// cancelled, later steps are skipped); the compensating step — the rollback to the original release once
/// the deploy command has run — still runs, under a switch and a deadline of its own (the rollback table's
/// `timeout` + `wait_healthy` + 30 s) and with its own audit records. Only ``stopCompensation(reason:)``
/// stops it; the report and the audit then say which release was left running
/// (`staging left on 1.6.0: roll back with u`). ``interrupt(reason:)`` is the signal form: the first call
/// cancels, any later one stops the compensation.
///
/// ```swift
/// let run = RehearsalRun(environment: env, backup: backupConfig, rollback: rollbackConfig, rehearsal: rehearsalConfig)
/// run.start(progress: { post(.rehearsalProgress($0)) },
///           completion: { post(.actionFinished(action: "rehearsal", ok: $0.passed, message: $0.verdict)) })
/// run.cancel()             // from any thread: stops the running step, then rolls back if the deploy ran
/// run.stopCompensation()   // a second, separate decision: stops that rollback too
/// ```
public final class RehearsalRun: @unchecked Sendable {
    /// The name in locks and the audit log.
    public static let name = "rehearsal"

    /// The environment rehearsed.
    public let environment: EnvironmentConfig
    /// Its backup, rollback and rehearsal configurations.
    public let backupConfig: BackupConfig
    public let rollbackConfig: RollbackConfig
    public let config: RehearsalConfig
    /// The release asked for (`--to`); nil: the config's `release`, else the newest listed.
    public let requestedRelease: String?
    /// `--report PATH`; nil: `<state folder>/rehearsals/rehearsal_<env>_<stamp>`.
    public let reportPath: String?
    let processEnvironment: [String: String]
    let identity: OperatorIdentity

    private let state = ConditionVariable()
    private var cancelReason: String?
    private var onCancel: (@Sendable () -> Void)?
    private var interrupts = 0
    /// While the compensating rollback runs: what it does and what stopping it would leave.
    private var compensation: (doing: String, leftIfStopped: String)?
    /// Stops only the compensating step (never flipped by ``cancel(reason:)``).
    let compensationSwitch = CancellationSwitch()
    var report: RehearsalReport
    var progressHandler: @Sendable (RehearsalProgress) -> Void = { _ in }
    var lock: ActionLock?
    /// The rehearsal's own audit trail while it runs (``noteStateLeft(at:)``).
    var trail: AuditTrail?
    var deployRan = false

    /// Creates a run; nothing happens until ``run(progress:)`` or ``start(progress:completion:)``.
    public init(environment: EnvironmentConfig, backup: BackupConfig, rollback: RollbackConfig, rehearsal: RehearsalConfig,
                release: String? = nil, reportPath: String? = nil,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                identity: OperatorIdentity = .current()) {
        self.environment = environment
        backupConfig = backup
        rollbackConfig = rollback
        config = rehearsal
        requestedRelease = release
        self.reportPath = reportPath
        self.processEnvironment = processEnvironment
        self.identity = identity
        report = RehearsalReport(environment: environment.name, label: environment.label, startedAt: Date())
    }

    /// Runs on a thread of its own; `progress` after every change and then `completion`, on that thread.
    public func start(progress: @escaping @Sendable (RehearsalProgress) -> Void,
                      completion: @escaping @Sendable (RehearsalReport) -> Void) {
        WorkerThread.start(name: "touchline-rehearsal") { [self] in completion(run(progress: progress)) }
    }

    /// Stops the run from any thread: the running step is stopped and fails, the rest are skipped, and the
    /// application is rolled back when the deploy had run (and `rollback_on_failure` is on).
    public func cancel(reason: String = "cancelled by the operator") {
        let handler: (@Sendable () -> Void)? = state.withLock {
            if cancelReason == nil { cancelReason = reason }
            return onCancel
        }
        handler?()
    }

    /// Stops the compensating step (the rollback after the deploy) — a separate decision from ``cancel(reason:)``.
    /// The rollback's command is stopped and the report says which release was left running. Before the
    /// compensation starts, this keeps it from starting.
    public func stopCompensation(reason: String = "stopped by the operator") {
        compensationSwitch.flip(.cancelled(reason))
    }

    /// A signal's cancel: the first call cancels the forward work (``cancel(reason:)``), every later call
    /// stops the compensation (``stopCompensation(reason:)``). Returns true when this call cancelled the
    /// forward work, false when it stopped the compensation.
    @discardableResult
    public func interrupt(reason: String) -> Bool {
        let first: Bool = state.withLock {
            interrupts += 1
            return interrupts == 1
        }
        if first { cancel(reason: reason) } else { stopCompensation(reason: "\(reason), a second time") }
        return first
    }

    /// Whether the compensating step is running now.
    public var isCompensating: Bool { state.withLock { compensation != nil } }

    /// Why the run was cancelled, if it was.
    var cancellation: String? { state.withLock { cancelReason } }

    /// Marks the compensating step as running (`doing`, and what stopping it would leave) or over (nil).
    func setCompensation(_ doing: String?, leftIfStopped: String = "") {
        state.withLock { compensation = doing.map { ($0, leftIfStopped) } }
    }

    /// Calls `handler` on ``cancel(reason:)`` while the current step runs (nil: nothing to stop).
    func whileRunning(cancel handler: (@Sendable () -> Void)?) {
        let cancelled: Bool = state.withLock {
            onCancel = handler
            return cancelReason != nil
        }
        if cancelled { handler?() }
    }

    /// Runs the rehearsal on the calling thread (blocking) and returns its report (also written to files
    /// unless it was refused).
    public func run(progress: @escaping @Sendable (RehearsalProgress) -> Void = { _ in }) -> RehearsalReport {
        progressHandler = progress
        let started = ContinuousClock.now
        report.startedAt = Date()
        let commands = [config.deployCommand, rollbackConfig.command]
        let auditLog = AuditLog(environment: environment)
        if environment.protected {
            let refusal = "\(environment.name) is protected: a deployment rehearsal deploys and restores, so it runs only in unprotected environments"
            try? AuditTrail.notStarted(auditLog, outcome: .refused, environment: environment.name, action: Self.name,
                                       commands: commands, reason: refusal, identity: identity)
            report.refusal = refusal
            emit("refused: \(refusal)", changed: nil)
            return report
        }
        let envelope = ActionEnvelope(environment: environment, action: Self.name, commands: commands, identity: identity)
        return envelope.run(details: { _ in ["rollback_on_failure": .bool(config.rollbackOnFailure)] },
                            startTarget: requestedRelease ?? config.release, refused: { refusal in
            switch refusal {
            case .lockHeld(let error):
                report.refusal = error.description
                emit("refused: \(error.description)", changed: nil)
            case .auditUnwritable(let error):
                report.refusal = "cannot write the audit log, so nothing was run: \(error.message)"
            }
            return report
        }, body: { trail, lock in
            self.lock = lock
            defer { self.lock = nil }
            self.trail = trail
            defer { self.trail = nil }
            return rehearse(trail: trail, commands: commands, started: started)
        })
    }

    /// The rehearsal itself, inside its envelope: every step, the report files; ends `trail`.
    private func rehearse(trail: AuditTrail, commands: [[String]], started: ContinuousClock.Instant) -> RehearsalReport {
        runSteps()
        report.cancellation = cancellation
        report.duration = started.duration(to: .now).seconds
        writeFiles()
        let outcome: AuditOutcome = report.passed ? .ok : (cancellation != nil ? .cancelled : .failed)
        var details: [String: JSONValue] = ["original_release": .string(report.originalRelease ?? ""),
                                            "release": .string(report.targetRelease ?? ""),
                                            "report": .string(report.files.joined(separator: " "))]
        if let stateLeft = report.stateLeft { details["state_left"] = .string(stateLeft) }
        if let stopped = compensationSwitch.reason { details["compensation_stopped"] = .string(stopped.text) }
        if let p95 = report.load?.p95 { details["load_p95_seconds"] = .number(p95) }
        try? trail.end(outcome, commands: commands, exitStatus: report.passed ? 0 : 1, details: details,
                       error: report.passed ? nil : report.verdict)
        emit(report.verdict, changed: nil)
        return report
    }

    /// Runs every step until the first failure, then the automatic rollback when it applies.
    private func runSteps() {
        let order: [(RehearsalStep, () -> RehearsalStepOutcome)] = [
            (.preflight, preflight), (.backup, backup), (.deploy, deploy), (.checks, checks),
            (.load, loadTest), (.rollback, rollback), (.configRollback, configRollback), (.restore, restore), (.verify, verify),
        ]
        for (step, body) in order {
            if !perform(step, body, compensating: step == .rollback || step == .configRollback) {
                stopAfterFailure(at: step)
                return
            }
        }
    }

    /// Runs one step, recording its start, duration and outcome; false when it failed. A `compensating` step
    /// (the rollback) runs and counts even after a cancel: only its own switch stops it.
    @discardableResult
    func perform(_ step: RehearsalStep, _ body: () -> RehearsalStepOutcome, compensating: Bool = false) -> Bool {
        update(step) {
            $0.state = .running
            $0.startedAt = Date()
        }
        emit("\(step.title) started", changed: step)
        noteStateLeft(at: step)
        let started = ContinuousClock.now
        var outcome: RehearsalStepOutcome
        if !compensating, let reason = cancellation {
            outcome = .fail(CancelText.phrase(nil, reason: reason))
        } else {
            outcome = body()
            whileRunning(cancel: nil)
            if !compensating, let reason = cancellation, !outcome.summary.hasPrefix("cancelled") {
                // Whatever the stopped step measured on the way out, the cause is the cancel.
                if !outcome.passed { outcome.notes.insert("as it stopped: \(outcome.summary)", at: 0) }
                outcome.passed = false
                outcome.summary = CancelText.phrase(nil, reason: reason)
            }
        }
        let scrub = DatabaseCredentials(config: backupConfig, processEnvironment: processEnvironment)
        update(step) {
            $0.duration = started.duration(to: .now).seconds
            $0.state = outcome.passed ? .passed : .failed
            $0.summary = scrub.scrubbed(outcome.summary)
            $0.figures += outcome.figures
            $0.notes += outcome.notes.map(scrub.scrubbed)
            $0.outputTail = outcome.outputTail.map(scrub.scrubbed)
        }
        emit("\(step.title) \(outcome.passed ? "passed" : "FAILED"): \(scrub.scrubbed(outcome.summary))", changed: step)
        return outcome.passed
    }

    /// After `failed` failed: every later step is skipped, except the rollback when the deploy had run.
    private func stopAfterFailure(at failed: RehearsalStep) {
        let later = RehearsalStep.allCases.filter { $0.number > failed.number }
        for step in later {
            if step == .rollback && deployRan && config.rollbackOnFailure {
                perform(.rollback, automaticRollback, compensating: true)
                continue
            }
            if step == .configRollback && deployRan && config.rollbackOnFailure {
                perform(.configRollback, automaticConfigRollback, compensating: true)
                continue
            }
            var note = "not run: the rehearsal stopped at step \(failed.number) (\(failed.title))"
            if step == .rollback && deployRan {
                note += "; rollback_on_failure is off, so the application was left as it is"
                report.stateLeft = leftSentence()
            }
            if step == .restore, let backup = report.backup {
                note += "; the database was not restored — the verified backup \(backup.file) is available"
            }
            update(step) {
                $0.state = .skipped
                $0.notes.append(note)
            }
            emit("\(step.title) skipped", changed: step)
        }
    }

    /// Changes the record of `step`.
    func update(_ step: RehearsalStep, _ change: (inout RehearsalStepRecord) -> Void) {
        state.withLock {
            guard let index = report.steps.firstIndex(where: { $0.step == step }) else { return }
            change(&report.steps[index])
        }
    }

    /// Sends the current steps and `activity` to the progress handler.
    func emit(_ activity: String, changed: RehearsalStep?) {
        let (steps, compensation) = state.withLock { (report.steps, self.compensation) }
        progressHandler(RehearsalProgress(environment: environment.name, steps: steps, activity: activity, changed: changed,
                                          compensating: compensation?.doing, leftIfStopped: compensation?.leftIfStopped))
    }

    /// An activity line of the running step (from an inner action's progress).
    func say(_ step: RehearsalStep) -> @Sendable (String) -> Void {
        { [self] line in emit(line, changed: step) }
    }

    /// Writes the Markdown and JSON report; a failure to write is noted in the verdict's step notes.
    private func writeFiles() {
        let paths: (markdown: String, json: String)
        if let reportPath {
            paths = RehearsalReport.paths(forReport: reportPath)
        } else {
            let base = RehearsalReport.defaultBase(stateDirectory: environment.stateDirectory, environment: environment.name,
                                                   at: report.startedAt)
            paths = (base + ".md", base + ".json")
        }
        report.files = [paths.markdown, paths.json]
        if let alerts = environment.alerts {
            let client = AlertSourceClient(config: alerts)
            report.alerting = AlertsAtTime(client.poll(environment: environment.name), source: alerts.sourceText)
            client.close()
        }
        do {
            for path in [paths.markdown, paths.json] {
                try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                        withIntermediateDirectories: true)
            }
            try RehearsalMarkdown.render(report).write(toFile: paths.markdown, atomically: true, encoding: .utf8)
            try RehearsalJSON.render(report).write(toFile: paths.json, atomically: true, encoding: .utf8)
        } catch {
            report.files = []
            emit("cannot write the report: \(SystemError.text(of: error))", changed: nil)
        }
    }
}
