import FoundationEssentials
import TouchlineCore

/// The backup action of one environment, as the dashboard and `touchline backup` run it: takes the
/// environment's ``ActionLock``, writes the audit start record, runs a ``BackupJob``, writes the end
/// record, releases the lock — on every path.
///
/// ```swift
/// let action = BackupAction(environment: env, config: try BackupConfigParser.parse(environment: env, configFile: path))
/// action.start(progress: { post(.actionProgress($0.text)) }) { result in
///     var ok = false
///     if case .completed = result { ok = true }
///     post(.actionFinished(action: "backup", ok: ok, message: result.message))
/// }
/// action.cancel()   // from any thread: stops pg_dump/gzip (SIGTERM, then SIGKILL), deletes the partial file
/// ```
public final class BackupAction: Sendable {
    /// The action's name in locks and the audit log.
    public static let name = "backup"

    /// The environment backed up (its name and state folder are used).
    public let environment: EnvironmentConfig
    /// What is backed up and where.
    public let config: BackupConfig
    /// The environment of the child processes, holding the password variable.
    public let processEnvironment: [String: String]
    /// Who runs it.
    public let identity: OperatorIdentity
    /// A lock the caller holds for a larger operation, under which this action runs instead of taking its own.
    public let heldLock: ActionLock?
    /// What compresses the dump: pigz when the child environment's `PATH` finds it, else gzip.
    public let compressor: BackupCommandLine.Compressor
    private let cancellation = CancellationSwitch()
    /// Why it runs (`manual`; a rehearsal's backup step says `rehearsal`), recorded in the manifest.
    public let origin: BackupOrigin

    /// Creates the action; nothing runs until ``run(progress:)`` or ``start(progress:completion:)``.
    public init(environment: EnvironmentConfig, config: BackupConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                identity: OperatorIdentity = .current(), heldLock: ActionLock? = nil, origin: BackupOrigin = .manual) {
        self.origin = origin
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
        self.identity = identity
        self.heldLock = heldLock
        compressor = .installed(environment: processEnvironment)
    }

    /// The commands that will run, for the confirmation dialog (snapshot and time stamp as placeholders).
    public var preview: [[String]] { BackupCommandLine.preview(config, compressor: compressor) }

    /// The preview as one shell-like line: `pg_dump ... | gzip -c > DIR/<database>_<YYYYmmdd_HHMMSS>.sql.gz`.
    public var previewLine: String { BackupCommandLine.display(preview, output: BackupCommandLine.previewOutput(config)) }

    /// The environment's audit log.
    public var auditLog: AuditLog { AuditLog(environment: environment) }

    /// Runs the backup on a thread of its own; `progress` and then `completion` are called on that thread.
    public func start(progress: @escaping @Sendable (BackupProgress) -> Void,
                      completion: @escaping @Sendable (BackupResult) -> Void) {
        WorkerThread.start(name: "touchline-backup") { [self] in completion(run(progress: progress)) }
    }

    /// Runs the backup on the calling thread (blocking) and returns how it ended.
    public func run(progress: @escaping @Sendable (BackupProgress) -> Void = { _ in }) -> BackupResult {
        let envelope = ActionEnvelope(environment: environment, action: Self.name, commands: preview, heldLock: heldLock,
                                      identity: identity)
        return envelope.run(details: { lock in
            envelope.lockDetails(lock, takeover: true).merging(["directory": .string(config.directory), "probe": .string(config.probe)]) { $1 }
        }, refused: { refusal in
            switch refusal {
            case .lockHeld(let error): .refused(reason: error.description)
            case .auditUnwritable(let error): .refused(reason: "cannot write the audit log, so nothing was run: \(error.message)")
            }
        }, body: { trail in backUp(trail: trail, progress: progress) })
    }

    /// The backup itself, inside its envelope: the dump job; ends `trail` with its outcome and figures.
    private func backUp(trail: AuditTrail, progress: @escaping @Sendable (BackupProgress) -> Void) -> BackupResult {
        let outcome = BackupJob(config: config, processEnvironment: processEnvironment, cancellation: cancellation,
                                compressor: compressor, origin: origin)
            .run(progress: progress)
        var result = outcome.result
        do throws(ActionFailure) {
            try trail.end(result.outcome, commands: outcome.commands, exitStatus: outcome.exitStatus,
                          details: Self.details(of: result), error: result.reason,
                          output: outcome.output)
        } catch {
            if case .completed(var report) = result {
                report.warnings.append("the audit end record could not be written: \(error.message)")
                result = .completed(report)
            }
        }
        return result
    }

    /// Stops a running backup from any thread: pg_dump and gzip are terminated, the partial file deleted,
    /// and the result is ``BackupResult/cancelled(reason:)``. A backup not yet started will not start.
    public func cancel(reason: String = "cancelled by the operator") {
        cancellation.flip(.cancelled(reason))
    }

    /// The audit details of a result: file, size in bytes, sha256, verified and row counts per table of a completed
    /// backup; for a failed or cancelled one, `partial_file: deleted` (its compensation: no partial file is ever left
    /// behind).
    static func details(of result: BackupResult) -> [String: JSONValue] {
        guard let report = result.report else { return result.outcome == .refused ? [:] : ["partial_file": .string("deleted")] }
        var details: [String: JSONValue] = [
            "file": .string(report.path),
            "size": .integer(report.record.size),
            "sha256": .string(report.record.sha256),
            "database": .string(report.record.database),
            "verified": .bool(report.record.verified),
            "table_rows": .object(report.record.tableRows.mapValues { .integer($0) }),
        ]
        if !report.expired.isEmpty { details["expired"] = .array(report.expired.map { .string($0.file) }) }
        return details
    }
}
