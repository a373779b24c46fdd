import Foundation
import TouchlineCore
import TouchlineProbes
import TouchlineTerminal

/// The operator actions of the dashboard: builds them from the config, runs the confirmed one on a
/// thread of its own, feeds its progress and outcome back as events, and cancels it on exit.
final class ActionDesk {
    private let queue: EventQueue
    private let log: StateLog
    private var backups: [String: BackupAction] = [:]
    private var restarts: [String: RestartAction] = [:]
    private var rollbacks: [String: RollbackAction] = [:]
    private var restores: [String: RestoreAction] = [:]
    private var running: BackupAction?
    private var restoringAction: RestoreAction?

    /// Prepares the backup action of every environment that configures one; a bad backup table is
    /// logged and leaves that environment without the action.
    init(environments: [EnvironmentConfig], configPath: String, queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
        for environment in environments where environment.actionTables["backup"] != nil {
            do {
                let config = try BackupConfigParser.parse(environment: environment, configFile: configPath)
                backups[environment.name] = BackupAction(environment: environment, config: config)
                restores[environment.name] = RestoreAction(environment: environment, config: config)
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
        }
    }

    /// Per environment, the rollback command line with `{release}` in it.
    var rollbackCommands: [String: String] {
        rollbacks.mapValues { $0.config.command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") }
    }

    /// Per environment, the restore's command lines with `{file}` for the chosen backup.
    var restoreCommands: [String: [String]] { restores.mapValues { $0.preview(file: "{file}") } }

    /// Per environment, the probe that proves the release.
    var rollbackProbes: [String: String] { rollbacks.mapValues(\.config.probe.name) }

    /// Reads the backup inventory of `environment` on a thread of its own; the rows come back as an event.
    func listBackups(environment: String) {
        guard let backup = backups[environment] else { return }
        let queue = queue
        let directory = backup.config.directory
        Thread {
            let inventory = BackupInventory.load(directory: directory)
            let rows = inventory.entries.sorted { $0.created > $1.created }.map {
                BackupRow(file: $0.file, created: $0.created, size: $0.size, state: $0.state.rawValue)
            }
            queue.post(.backupsListed(rows: rows, warning: inventory.freshnessWarning()))
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

    /// The restart command line of each `environment/service`, for the confirmation dialog.
    var restartPreviews: [String: String] { restarts.mapValues(\.config.commandLine) }

    /// The command line each environment's backup will run, for the confirmation dialog.
    var backupPreviews: [String: String] { backups.mapValues(\.previewLine) }

    /// Starts the confirmed action.
    func run(_ request: ActionRequest) {
        let environment = request.environment
        let queue = queue
        if request.action == RestartAction.name, let service = request.target, let restart = restarts["\(environment)/\(service)"] {
            log.write("restart of \(service) in \(environment) confirmed: \(restart.config.commandLine)")
            let name = "restart \(service)"
            restart.start(progress: { line in queue.post(.actionProgress(line)) },
                          completion: { ok, message in queue.post(.actionFinished(action: name, ok: ok, message: message)) })
            return
        }
        if request.action == RestoreAction.name, let file = request.target, let restore = restores[environment] {
            log.write("restore of \(environment) from \(file) confirmed")
            restoringAction = restore
            let name = "restore \(file)"
            restore.start(file: file, progress: { line in queue.post(.actionProgress(line)) },
                          completion: { ok, message in queue.post(.actionFinished(action: name, ok: ok, message: message)) })
            return
        }
        if request.action == RollbackAction.name, let release = request.target, let rollback = rollbacks[environment] {
            log.write("rollback of \(environment) to \(release) confirmed")
            let name = "rollback to \(release)"
            rollback.start(to: release, progress: { line in queue.post(.actionProgress(line)) },
                           completion: { ok, message in queue.post(.actionFinished(action: name, ok: ok, message: message)) })
            return
        }
        let action = request.action
        guard action == BackupAction.name, let backup = backups[environment] else {
            queue.post(.actionFinished(action: action, ok: false, message: "not available in \(environment)"))
            return
        }
        running = backup
        log.write("backup of \(environment) confirmed: \(backup.previewLine)")
        backup.start(progress: { progress in
            queue.post(.actionProgress(progress.text))
        }, completion: { result in
            let ok: Bool
            if case .completed = result { ok = true } else { ok = false }
            queue.post(.actionFinished(action: BackupAction.name, ok: ok, message: result.message))
        })
    }

    /// Records that the operator cancelled the action in its dialog.
    func recordCancelled(_ request: ActionRequest) {
        let environment = request.environment
        let commands: [[String]]
        let audit: AuditLog
        if request.action == RestoreAction.name, let file = request.target, let restore = restores[environment] {
            commands = restore.commands(file: file)
            audit = restore.auditLog
        } else if request.action == RollbackAction.name, let release = request.target, let rollback = rollbacks[environment] {
            commands = [rollback.config.command(for: release)]
            audit = AuditLog(stateDirectory: rollback.environment.stateDirectory)
        } else if let service = request.target, let restart = restarts["\(environment)/\(service)"] {
            commands = [restart.config.command]
            audit = AuditLog(stateDirectory: restart.environment.stateDirectory)
        } else if let backup = backups[environment] {
            commands = backup.preview
            audit = backup.auditLog
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

    /// The action finished (its result arrived as an event).
    func finished() {
        running = nil
        restoringAction = nil
    }

    /// Cancels a running action (on quit or a signal): its partial output is removed and it is audited as cancelled.
    func cancelRunning() {
        running?.cancel(reason: "touchline is exiting")
        restoringAction?.cancel(reason: "touchline is exiting")
    }
}
