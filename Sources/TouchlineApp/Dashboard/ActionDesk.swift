import Foundation
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// The operator actions of the dashboard: builds them from the config, runs the confirmed one on a
/// thread of its own, feeds its output and outcome back as events, and stops it on `c` or on exit.
///
/// Each run gets fresh action objects and a fresh cancellation switch, so a cancelled action never
/// leaves the next one pre-cancelled.
public final class ActionDesk {
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

    /// Prepares the actions of every environment that configures them; a bad table is logged and
    /// leaves that environment without the action.
    public init(environments: [EnvironmentConfig], configPath: String, queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
        self.environments = environments
        for environment in environments where environment.actionTables["backup"] != nil {
            do {
                backups[environment.name] = (environment, try BackupConfigParser.parse(environment: environment, configFile: configPath))
            } catch {
                log.write("backup disabled for \(environment.name): \(error)")
            }
        }
        for environment in environments {
            do {
                for (service, config) in try RestartConfigParser.parse(environment: environment, configFile: configPath) {
                    restarts["\(environment.name)/\(service)"] = RestartAction(environment: environment, config: config)
                }
            } catch {
                log.write("restart disabled for \(environment.name): \(error)")
            }
            do {
                if let config = try RollbackConfigParser.parse(environment: environment, configFile: configPath) {
                    rollbacks[environment.name] = RollbackAction(environment: environment, config: config)
                }
            } catch {
                log.write("rollback disabled for \(environment.name): \(error)")
            }
            guard environment.actionTables["rehearsal"] != nil, backups[environment.name] != nil,
                  rollbacks[environment.name] != nil else { continue }
            do {
                rehearsals[environment.name] = try RehearsalConfigParser.parse(environment: environment, configFile: configPath)
            } catch {
                log.write("rehearsal disabled for \(environment.name): \(error)")
            }
        }
    }

    private func backupAction(_ environment: String) -> BackupAction? {
        backups[environment].map { BackupAction(environment: $0.0, config: $0.1) }
    }

    private func restoreAction(_ environment: String) -> RestoreAction? {
        backups[environment].map { RestoreAction(environment: $0.0, config: $0.1) }
    }

    /// Per environment, the rollback command line with `{release}` in it.
    public var rollbackCommands: [String: String] {
        rollbacks.mapValues { $0.config.command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") }
    }

    /// Per environment, the restore's command lines with `{file}` for the chosen backup.
    public var restoreCommands: [String: [String]] {
        var commands: [String: [String]] = [:]
        for name in backups.keys { commands[name] = restoreAction(name)?.preview(file: "{file}") }
        return commands
    }

    /// Per environment with a rehearsal, what it will run, in order, for the confirmation dialog.
    public var rehearsalPreviews: [String: [String]] {
        var previews: [String: [String]] = [:]
        for (name, config) in rehearsals {
            guard let backup = backupAction(name), let rollback = rollbacks[name], let restore = restoreAction(name) else { continue }
            let release = config.release ?? "{newest release}"
            let line = { (argv: [String]) in argv.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") }
            previews[name] = ["preflight: probes up, free disk, pg_dump/psql versions, lock free", backup.previewLine,
                              line(config.deployCommand(for: release)),
                              "\(config.checks.count) functional checks; load: \(config.load.concurrency) workers for "
                                + DurationText.format(config.load.duration),
                              line(rollback.config.command(for: "{release before}"))]
                + restore.preview(file: "{the backup above}") + ["verify: probes up, version, row counts"]
        }
        return previews
    }

    /// Per environment, the probe that proves the release.
    public var rollbackProbes: [String: String] { rollbacks.mapValues(\.config.probe.name) }

    /// The restart command line of each `environment/service`, for the confirmation dialog.
    public var restartPreviews: [String: String] { restarts.mapValues(\.config.commandLine) }

    /// The command line each environment's backup will run, for the confirmation dialog.
    public var backupPreviews: [String: String] {
        Dictionary(uniqueKeysWithValues: backups.keys.compactMap { name in backupAction(name).map { (name, $0.previewLine) } })
    }

    /// Reads the backup inventory of `environment` on a thread of its own; the rows come back as an event.
    public func listBackups(environment: String) {
        guard let directory = backups[environment]?.1.directory else { return }
        let queue = queue
        Thread {
            let inventory = BackupInventory.load(directory: directory)
            queue.post(.backupsListed(rows: inventory.rows, warning: inventory.freshnessWarning()))
        }.start()
    }

    /// Reads the recent records of every environment's audit log on a thread of its own; they come back
    /// as one `auditHistory` event for the Events pane.
    public func loadHistory(limit: Int = 50) {
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
    public func listReleases(environment: String) {
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

    /// Starts the confirmed action; its output lines and its end come back as events.
    public func run(_ request: ActionRequest) {
        let environment = request.environment
        let queue = queue
        let lines: @Sendable (String) -> Void = { line in queue.post(.actionOutput([line])) }
        let finish: @Sendable (String, Bool, String) -> Void = { name, ok, message in
            queue.post(.actionFinished(action: name, ok: ok, message: message))
        }
        switch (request.action, request.target) {
        case (RestartAction.name, let service?):
            guard let restart = restarts["\(environment)/\(service)"] else { break }
            log.write("restart of \(service) in \(environment) confirmed: \(restart.config.commandLine)")
            let cancellation = CancellationSwitch()
            stopRunning = { cancellation.flip(.cancelled($0)) }
            restart.start(cancellation: cancellation, progress: lines) { finish("restart \(service)", $0, $1) }
            return
        case (RestoreAction.name, let file?):
            guard let restore = restoreAction(environment) else { break }
            log.write("restore of \(environment) from \(file) confirmed")
            stopRunning = { restore.cancel(reason: $0) }
            restore.start(file: file, progress: lines) { finish("restore \(file)", $0, $1) }
            return
        case (RollbackAction.name, let release?):
            guard let rollback = rollbacks[environment] else { break }
            log.write("rollback of \(environment) to \(release) confirmed")
            let cancellation = CancellationSwitch()
            stopRunning = { cancellation.flip(.cancelled($0)) }
            rollback.start(to: release, cancellation: cancellation, progress: lines) { finish("rollback to \(release)", $0, $1) }
            return
        case (RehearsalRun.name, _):
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
        case (BackupAction.name, _):
            guard let backup = backupAction(environment) else { break }
            log.write("backup of \(environment) confirmed: \(backup.previewLine)")
            stopRunning = { backup.cancel(reason: $0) }
            let phases = PhaseTracker()
            backup.start(progress: { progress in
                if phases.changed(to: progress.phase) { queue.post(.actionOutput([progress.text])) }
                queue.post(.actionProgress(progress.text))
            }, completion: { result in
                if case .completed = result { finish(BackupAction.name, true, result.message) } else { finish(BackupAction.name, false, result.message) }
            })
            return
        default:
            break
        }
        finish(request.action, false, "not available in \(environment)")
    }

    /// Records that the operator cancelled the action in its dialog.
    public func recordCancelled(_ request: ActionRequest) {
        let environment = request.environment
        let commands: [[String]]
        let audit: AuditLog
        if request.action == RestoreAction.name, let file = request.target, let restore = restoreAction(environment) {
            commands = restore.commands(file: file)
            audit = restore.auditLog
        } else if request.action == RollbackAction.name, let release = request.target, let rollback = rollbacks[environment] {
            commands = [rollback.config.command(for: release)]
            audit = AuditLog(stateDirectory: rollback.environment.stateDirectory)
        } else if request.action == RestartAction.name, let service = request.target, let restart = restarts["\(environment)/\(service)"] {
            commands = [restart.config.command]
            audit = AuditLog(stateDirectory: restart.environment.stateDirectory)
        } else if request.action == BackupAction.name, let backup = backupAction(environment) {
            commands = backup.preview
            audit = backup.auditLog
        } else if let folder = environments.first(where: { $0.name == environment })?.stateDirectory {
            commands = []
            audit = AuditLog(stateDirectory: folder)
        } else {
            return
        }
        do {
            try AuditTrail.notStarted(audit, outcome: .cancelled, environment: environment, action: request.action,
                                      target: request.target, commands: commands, reason: "cancelled in the confirmation dialog")
        } catch {
            log.write("audit log: \(error)")
        }
    }

    /// Records that the operator unlocked a protected environment (typed its name).
    public func recordUnlocked(_ request: ActionRequest, seconds: Double) {
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
    public func finished() {
        stopRunning = nil
        stopCompensating = nil
        interruptRunning = nil
        exitWaitSeconds = 15
    }

    /// Stops the running action's compensating step (a second, separately confirmed `c`); the action then
    /// reports and audits the state it left. Returns whether there was one to stop.
    @discardableResult
    public func stopCompensation(reason: String) -> Bool {
        guard let stopCompensating else { return false }
        log.write("stopping the running action's compensation: \(reason)")
        stopCompensating(reason)
        return true
    }

    /// A signal arrived while an action runs: the first stops its forward work (its compensation still runs),
    /// a later one stops the compensation. Returns whether an action was running.
    @discardableResult
    public func interrupt(reason: String) -> Bool {
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
    public func cancelRunning(reason: String = "touchline is exiting") -> Bool {
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
