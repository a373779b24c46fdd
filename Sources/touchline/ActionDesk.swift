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
    private var running: BackupAction?

    /// Prepares the backup action of every environment that configures one; a bad backup table is
    /// logged and leaves that environment without the action.
    init(environments: [EnvironmentConfig], configPath: String, queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
        for environment in environments where environment.actionTables["backup"] != nil {
            do {
                let config = try BackupConfigParser.parse(environment: environment, configFile: configPath)
                backups[environment.name] = BackupAction(environment: environment, config: config)
            } catch {
                log.write("backup disabled for \(environment.name): \(error)")
            }
        }
    }

    /// The command line each environment's backup will run, for the confirmation dialog.
    var backupPreviews: [String: String] { backups.mapValues(\.previewLine) }

    /// Starts `action` on `environment`.
    func run(_ action: String, environment: String) {
        guard action == BackupAction.name, let backup = backups[environment] else {
            queue.post(.actionFinished(action: action, ok: false, message: "not available in \(environment)"))
            return
        }
        running = backup
        log.write("backup of \(environment) confirmed: \(backup.previewLine)")
        let queue = queue
        backup.start(progress: { progress in
            queue.post(.actionProgress(progress.text))
        }, completion: { result in
            let ok: Bool
            if case .completed = result { ok = true } else { ok = false }
            queue.post(.actionFinished(action: BackupAction.name, ok: ok, message: result.message))
        })
    }

    /// Records that the operator cancelled `action` in its dialog.
    func recordCancelled(_ action: String, environment: String) {
        guard let backup = backups[environment] else { return }
        do {
            try AuditTrail.notStarted(backup.auditLog, outcome: .cancelled, environment: environment, action: action,
                                      commands: backup.preview, reason: "cancelled in the confirmation dialog")
        } catch {
            log.write("audit log: \(error)")
        }
    }

    /// The action finished (its result arrived as an event).
    func finished() { running = nil }

    /// Cancels a running action (on quit or a signal): its partial output is removed and it is audited as cancelled.
    func cancelRunning() {
        running?.cancel(reason: "touchline is exiting")
    }
}
