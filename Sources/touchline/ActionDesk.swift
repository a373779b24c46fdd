import Foundation
import TouchlineCore
import TouchlineProbes
import TouchlineTerminal

/// The operator actions of the dashboard: builds them from the config, runs the confirmed one on a
/// thread of its own, feeds its output and outcome back as events, and stops it on `c` or on exit.
///
/// Each run gets fresh action objects and a fresh cancellation switch, so a cancelled action never
/// leaves the next one pre-cancelled.
final class ActionDesk {
    private let queue: EventQueue
    private let log: StateLog
    private let environments: [EnvironmentConfig]
    private var backups: [String: (EnvironmentConfig, BackupConfig)] = [:]
    private var restarts: [String: RestartAction] = [:]
    private var rollbacks: [String: RollbackAction] = [:]
    private var rehearsals: [String: RehearsalConfig] = [:]
    /// Stops the running action's forward work, whichever it is.
    private var stopRunning: ((String) -> Void)?
    /// Stops the running action's compensating step (only a rehearsal has one that can take long).
    private var stopCompensating: ((String) -> Void)?
    /// A signal's stop: the first stops the forward work, later ones the compensation.
    private var interruptRunning: ((String) -> Void)?
    /// How long touchline waits on exit for the running action to end: its compensation's deadline and a margin.
    private(set) var exitWaitSeconds = 15.0

    /// Prepares the actions of every environment that configures them (their tables were parsed when the
    /// config was loaded; a rehearsal needs the environment's backup and rollback as well).
    init(environments: [EnvironmentConfig], queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
        self.environments = environments
        for environment in environments {
            let actions = environment.actions
            if let backup = actions.backup { backups[environment.name] = (environment, backup) }
            for (service, config) in actions.restarts {
                restarts["\(environment.name)/\(service)"] = RestartAction(environment: environment, config: config)
            }
            if let rollback = actions.rollback {
                rollbacks[environment.name] = RollbackAction(environment: environment, config: rollback)
            }
            if let rehearsal = actions.rehearsal, actions.backup != nil, actions.rollback != nil {
                rehearsals[environment.name] = rehearsal
            }
        }
    }

    private func backupAction(_ environment: String) -> BackupAction? {
        backups[environment].map { BackupAction(environment: $0.0, config: $0.1) }
    }

    private func restoreAction(_ environment: String) -> RestoreAction? {
        backups[environment].map { RestoreAction(environment: $0.0, config: $0.1) }
    }

    /// Reads the backup inventory of `environment` on a thread of its own; the rows come back as an event.
    func listBackups(environment: String) {
        guard let directory = backups[environment]?.1.directory else { return }
        let queue = queue
        Thread {
            let inventory = BackupInventory.load(directory: directory)
            queue.post(.backupsListed(rows: inventory.rows, warning: inventory.freshnessWarning()))
        }.start()
    }

    /// Reads the recent records of every environment's audit log on a thread of its own; they come back
    /// as one `auditHistory` event for the Events pane.
    func loadHistory(limit: Int = 50) {
        let queue = queue
        let names = Set(environments.map(\.name))
        let folders = Array(Set(environments.map(\.stateDirectory)))
        Thread {
            let records = folders.flatMap { AuditLog(stateDirectory: $0).recent(limit: limit) }.filter { names.contains($0.environment) }
            let events = AuditHistory.events(from: records)
            if !events.isEmpty { queue.post(.auditHistory(events)) }
        }.start()
    }

    /// Lists the releases of `environment` on a thread of its own; the answer comes back as an event.
    func listReleases(environment: String) {
        let queue = queue
        guard let rollback = rollbacks[environment] else {
            queue.post(.releasesListed(releases: [], error: "no rollback configured"))
            return
        }
        Thread {
            switch rollback.listReleases() {
            case .success(let releases): queue.post(.releasesListed(releases: releases, error: nil))
            case .failure(let failure): queue.post(.releasesListed(releases: [], error: failure.description))
            }
        }.start()
    }

    /// Starts the confirmed action `spec` (the one its dialog showed); its output lines and its end come back
    /// as events.
    func run(_ spec: ActionSpec) {
        let environment = spec.environment
        let queue = queue
        let lines: @Sendable (String) -> Void = { line in queue.post(.actionOutput([line])) }
        let finish: @Sendable (String, Bool, String) -> Void = { name, ok, message in
            queue.post(.actionFinished(action: name, ok: ok, message: message))
        }
        switch spec.kind {
        case .restart:
            guard let service = spec.target, let restart = restarts["\(environment)/\(service)"] else { break }
            log.write("restart of \(service) in \(environment) confirmed: \(restart.config.commandLine)")
            let cancellation = CancellationSwitch()
            stopRunning = { cancellation.flip(.cancelled($0)) }
            restart.start(cancellation: cancellation, progress: lines) { finish("restart \(service)", $0, $1) }
            return
        case .restore:
            guard let file = spec.target, let restore = restoreAction(environment) else { break }
            log.write("restore of \(environment) from \(file) confirmed")
            stopRunning = { restore.cancel(reason: $0) }
            restore.start(file: file, progress: lines) { finish("restore \(file)", $0, $1) }
            return
        case .rollback:
            guard let release = spec.target, let rollback = rollbacks[environment] else { break }
            log.write("rollback of \(environment) to \(release) confirmed")
            let cancellation = CancellationSwitch()
            stopRunning = { cancellation.flip(.cancelled($0)) }
            rollback.start(to: release, cancellation: cancellation, progress: lines) { finish("rollback to \(release)", $0, $1) }
            return
        case .rehearsal:
            guard let config = rehearsals[environment], let (environmentConfig, backup) = backups[environment],
                  let rollback = rollbacks[environment]?.config else { break }
            log.write("rehearsal of \(environment) confirmed")
            let run = RehearsalRun(environment: environmentConfig, backup: backup, rollback: rollback, rehearsal: config)
            stopRunning = { run.cancel(reason: $0) }
            stopCompensating = { run.stopCompensation(reason: $0) }
            interruptRunning = { run.interrupt(reason: $0) }
            exitWaitSeconds = rollback.timeout + rollback.waitHealthy + 90
            run.start(progress: { queue.post(.rehearsalProgress($0)) }) { report in
                let files = report.files.first { $0.hasSuffix(".md") }.map { "; report: \($0)" } ?? ""
                finish(RehearsalRun.name, report.passed, report.refusal.map { "refused: \($0)" } ?? report.verdict + files)
            }
            return
        case .backup:
            guard let backup = backupAction(environment) else { break }
            log.write("backup of \(environment) confirmed: \(spec.lines.joined(separator: " "))")
            stopRunning = { backup.cancel(reason: $0) }
            let phases = PhaseTracker()
            backup.start(progress: { progress in
                if phases.changed(to: progress.phase) { queue.post(.actionOutput([progress.text])) }
                queue.post(.actionProgress(progress.text))
            }, completion: { result in
                if case .completed = result { finish(BackupAction.name, true, result.message) } else { finish(BackupAction.name, false, result.message) }
            })
            return
        }
        finish(spec.kind.name, false, "not available in \(environment)")
    }

    /// Records that the operator cancelled the dialog: an action's with the argv its spec showed, an unlock's
    /// with none.
    func recordCancelled(_ request: ActionRequest) {
        let environment = request.environment
        guard let folder = environments.first(where: { $0.name == environment })?.stateDirectory else { return }
        do {
            try AuditTrail.notStarted(AuditLog(stateDirectory: folder), outcome: .cancelled, environment: environment,
                                      action: request.action, target: request.target, commands: request.spec?.commands ?? [],
                                      reason: "cancelled in the confirmation dialog")
        } catch {
            log.write("audit log: \(error)")
        }
    }

    /// Records that the operator unlocked a protected environment (typed its name).
    func recordUnlocked(_ request: ActionRequest, seconds: Double) {
        guard let folder = environments.first(where: { $0.name == request.environment })?.stateDirectory else { return }
        do {
            let trail = try AuditTrail.begin(AuditLog(stateDirectory: folder), environment: request.environment,
                                             action: request.action, commands: [])
            try trail.end(.ok, commands: [], details: ["unlocked_seconds": .number(seconds)])
        } catch {
            log.write("audit log: \(error)")
        }
        log.write("\(request.environment) unlocked for \(Int(seconds)) s")
    }

    /// The action finished (its result arrived as an event).
    func finished() {
        stopRunning = nil
        stopCompensating = nil
        interruptRunning = nil
        exitWaitSeconds = 15
    }

    /// Stops the running action's compensating step (a second, separately confirmed `c`); the action then
    /// reports and audits the state it left. Returns whether there was one to stop.
    @discardableResult
    func stopCompensation(reason: String) -> Bool {
        guard let stopCompensating else { return false }
        log.write("stopping the running action's compensation: \(reason)")
        stopCompensating(reason)
        return true
    }

    /// A signal arrived while an action runs: the first stops its forward work (its compensation still runs),
    /// a later one stops the compensation. Returns whether an action was running.
    @discardableResult
    func interrupt(reason: String) -> Bool {
        if let interruptRunning {
            log.write("signal while an action runs: \(reason)")
            interruptRunning(reason)
            return true
        }
        return cancelRunning(reason: reason)
    }

    /// Stops the running action from the dashboard's thread: its processes are terminated (SIGTERM, then
    /// SIGKILL), a partial backup is deleted, and it is audited as cancelled. Returns whether one was running;
    /// its end still arrives as an `actionFinished` event.
    @discardableResult
    func cancelRunning(reason: String = "touchline is exiting") -> Bool {
        guard let stopRunning else { return false }
        log.write("cancelling the running action: \(reason)")
        stopRunning(reason)
        return true
    }

    /// Remembers the last backup phase seen, so each phase is one line of output.
    private final class PhaseTracker: @unchecked Sendable {
        private let lock = NSLock()
        private var phase: BackupProgress.Phase?

        func changed(to next: BackupProgress.Phase) -> Bool {
            lock.withLock {
                defer { phase = next }
                return phase != next
            }
        }
    }
}
