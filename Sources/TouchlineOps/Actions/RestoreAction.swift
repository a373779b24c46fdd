import FoundationEssentials
import TouchlineCore

/// The restore action of one environment, as the dashboard (`R` in the Backups view) and
/// `touchline restore FILE` run it.
///
/// Takes the environment's ``ActionLock``; refuses — audited as refused, nothing touched — when the lock is
/// held, the file is not listed and verified in the manifest, its recomputed sha256 differs from the
/// manifest's, or the database does not answer `SELECT 1`. Then writes the audit start record, takes a
/// safety backup (a ``BackupJob``, verified and listed; restoring stops if it fails), runs
/// `gunzip -c FILE | psql --single-transaction -v ON_ERROR_STOP=1` (all-or-nothing: the dumps are plain SQL
/// made with `--clean --if-exists`, so a failure rolls everything back), counts every table's rows and
/// compares them with the manifest's, writes the end record and releases the lock — on every path.
///
/// ```swift
/// let action = RestoreAction(environment: env, config: backupConfig)
/// action.preview(file: name)            // command lines for the confirmation dialog
/// action.start(file: name, progress: { post(.actionOutput([$0])) },
///              completion: { ok, message in post(.actionFinished(action: "restore \(name)", ok: ok, message: message)) })
/// action.cancel()                       // from any thread: psql is stopped, its transaction rolled back
/// ```
public final class RestoreAction: Sendable {
    /// The action's name in locks and the audit log.
    public static let name = "restore"

    /// The environment restored into (its name and state folder are used).
    public let environment: EnvironmentConfig
    /// Where the backups are and which database they restore into.
    public let config: BackupConfig
    /// The environment of the child processes, holding the password variable.
    public let processEnvironment: [String: String]
    /// Who runs it.
    public let identity: OperatorIdentity
    /// A lock the caller holds for a larger operation, under which this action runs instead of taking its own.
    public let heldLock: ActionLock?
    private let cancellation = CancellationSwitch()

    /// Creates the action; nothing runs until ``run(file:progress:)`` or ``start(file:progress:completion:)``.
    public init(environment: EnvironmentConfig, config: BackupConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                identity: OperatorIdentity = .current(), heldLock: ActionLock? = nil) {
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
        self.identity = identity
        self.heldLock = heldLock
    }

    private var steps: RestoreSteps { RestoreSteps(config: config, processEnvironment: processEnvironment) }

    /// The environment's audit log.
    public var auditLog: AuditLog { AuditLog(environment: environment) }

    /// The command lines that will run, for the confirmation dialog: the safety backup, then the restore.
    public func preview(file: String) -> [String] {
        let path = (try? steps.locate(file).path) ?? file
        return [
            BackupCommandLine.display(BackupCommandLine.preview(config, compressor: .installed(environment: processEnvironment)), output: BackupCommandLine.previewOutput(config)),
            ShellQuote.pipeline(steps.restoreCommands(path)),
        ]
    }

    /// The full path of the backup `file` (a name in the backup directory or a path inside it); throws when it
    /// is outside the directory or no such file exists there, so a command line can reject it up front.
    public func existingBackup(_ file: String) throws(ActionFailure) -> String {
        let located = try steps.locate(file)
        guard FileManager.default.fileExists(atPath: located.path) else {
            throw ActionFailure("\(file): no such backup in \(config.directory)")
        }
        return located.path
    }

    /// The commands of the whole action as argv lists (for the audit log): safety backup, then restore.
    public func commands(file: String) -> [[String]] {
        let path = (try? steps.locate(file).path) ?? file
        return BackupCommandLine.preview(config, compressor: .installed(environment: processEnvironment)) + steps.restoreCommands(path)
    }

    /// Runs the restore on a thread of its own; `progress` and then `completion` are called on that thread.
    public func start(file: String, progress: @escaping @Sendable (String) -> Void,
                      completion: @escaping @Sendable (Bool, String) -> Void) {
        WorkerThread.start(name: "touchline-restore") { [self] in
            let (ok, message) = run(file: file, progress: progress)
            completion(ok, message)
        }
    }

    /// Stops a running restore from any thread: the safety backup or psql is terminated (psql's transaction
    /// is rolled back, so the database stays as it was). A restore not yet started will not start.
    public func cancel(reason: String = "cancelled by the operator") {
        cancellation.flip(.cancelled(reason))
    }

    /// Runs the restore of `file` (a name in the backup directory, or a path inside it) on the calling thread
    /// (blocking). Returns whether it succeeded — restored and every table's row count verified — and a sentence.
    public func run(file: String, progress: @escaping @Sendable (String) -> Void = { _ in }) -> (Bool, String) {
        let report = perform(file: file, progress: progress)
        return (report.ok, report.message)
    }

    /// Runs the restore of `file` on the calling thread (blocking) and reports how it ended: refused (nothing
    /// touched), failed, cancelled or ok, with `file`, `safety_backup`, `tables_verified`, `rows_verified` and
    /// `restore_seconds` as far as it got.
    public func perform(file: String, progress: @escaping @Sendable (String) -> Void = { _ in }) -> ActionReport {
        let steps = self.steps
        let planned = commands(file: file)
        let target = URL(fileURLWithPath: file).lastPathComponent
        let refuse = { @Sendable (reason: String) -> ActionReport in
            try? AuditTrail.notStarted(self.auditLog, outcome: .refused, environment: self.environment.name,
                                       action: Self.name, target: target, commands: planned, reason: reason,
                                       identity: self.identity)
            return ActionReport(.refused, "restore refused: \(reason)", figures: ["file": .string(target)])
        }
        let envelope = ActionEnvelope(environment: environment, action: Self.name, target: target, commands: planned,
                                      heldLock: heldLock, identity: identity)
        // Set by the checks made under the lock, before the start record.
        var located: (name: String, path: String) = ("", "")
        var record: BackupRecord?
        return envelope.run(details: { lock in
            envelope.lockDetails(lock, takeover: true).merging([
                "file": .string(located.path), "sha256": .string(record?.sha256 ?? ""),
                "directory": .string(config.directory), "probe": .string(config.probe),
            ]) { $1 }
        }, refused: { refusal in
            switch refusal {
            case .lockHeld(let error):
                ActionReport(.refused, "restore refused: \(error.description)", figures: ["file": .string(target)])
            case .auditUnwritable(let error):
                ActionReport(.refused, "restore refused: cannot write the audit log, so nothing was run: \(error.message)",
                             figures: ["file": .string(located.name)])
            }
        }, prepare: {
            do throws(ActionFailure) {
                located = try steps.locate(file)
                progress("checking that the database answers")
                try steps.checkReachable()
                progress("verifying \(located.name) (gzip integrity, completion trailer, sha256)")
                record = try steps.checkBackup(name: located.name, path: located.path, cancellation: cancellation)
                if let reason = cancellation.reason { throw ActionFailure(reason.text) }
                return nil
            } catch {
                if let reason = cancellation.reason, case .cancelled = reason {
                    // Stopped before anything was touched: audited as the cancel it was, not as a refusal.
                    try? AuditTrail.notStarted(auditLog, outcome: .cancelled, environment: environment.name, action: Self.name,
                                               target: target, commands: planned,
                                               reason: "\(reason.text) before the restore started; nothing was touched",
                                               identity: identity)
                    return ActionReport(.cancelled, "restore cancelled before it started (\(reason.text)); nothing was touched",
                                        figures: ["file": .string(target)])
                }
                return refuse(steps.scrubbed(error.message))
            }
        }, body: { trail in
            guard let record else { return refuse("the backup was not checked") }
            return restore(trail: trail, located: located, record: record, progress: progress)
        })
    }

    /// The restore itself, inside its envelope: the safety backup, psql, the row counts; ends `trail`.
    private func restore(trail: AuditTrail, located: (name: String, path: String), record: BackupRecord,
                         progress: @escaping @Sendable (String) -> Void) -> ActionReport {
        let steps = self.steps
        var run = RestoreRun(steps: steps, config: config, cancellation: cancellation, progress: progress,
                             name: located.name, path: located.path, record: record, trail: trail)
        let (ok, message) = run.execute()
        let outcome: AuditOutcome = ok ? .ok : (run.cancelled ? .cancelled : .failed)
        var sentence = message
        do throws(ActionFailure) {
            try trail.end(outcome, commands: run.commands, exitStatus: run.exitStatus, details: run.details,
                          error: ok ? nil : message,
                          output: run.printed.digest(secrets: environment.secretValues(in: processEnvironment)))
        } catch {
            sentence += " (the audit end record could not be written: \(error.message))"
        }
        return ActionReport(outcome, sentence, figures: Self.figures(of: run, file: located.name))
    }

    /// The report's figures from what the run recorded for the audit log.
    private static func figures(of run: RestoreRun, file: String) -> [String: JSONValue] {
        var figures: [String: JSONValue] = ["file": .string(file)]
        for key in ["safety_backup", "tables_verified", "rows_verified", "restore_seconds"] {
            if let value = run.details[key] { figures[key] = value }
        }
        return figures
    }
}
