import Dispatch
import FoundationEssentials
import TouchlineCore

/// The steps of one ``RestoreAction`` after its checks passed and its start record was written (the caller
/// holds the lock): safety backup, all-or-nothing restore, row-count verification. Remembers the commands
/// it ran, the status that failed it and the details for the audit end record.
struct RestoreRun {
    let steps: RestoreSteps
    let config: BackupConfig
    let cancellation: CancellationSwitch
    let progress: @Sendable (String) -> Void
    let name: String
    let path: String
    let record: BackupRecord
    /// The start record's trail: told what state a give-up after a cancel would leave (``AuditTrail/note(stateLeft:)``).
    let trail: AuditTrail
    /// psql's `application_name`, one per run (`touchline-restore-1f2e3d4c`): how its backend is found server-side.
    let application = "touchline-restore-" + UUID().uuidString.lowercased().prefix(8)
    private(set) var commands: [[String]] = []
    private(set) var exitStatus: Int32?
    private(set) var details: [String: JSONValue] = [:]
    private(set) var cancelled = false
    /// A digest of everything the restore's commands printed.
    let printed = OutputRecorder()

    init(steps: RestoreSteps, config: BackupConfig, cancellation: CancellationSwitch,
         progress: @escaping @Sendable (String) -> Void, name: String, path: String, record: BackupRecord,
         trail: AuditTrail) {
        self.steps = steps
        self.config = config
        self.cancellation = cancellation
        self.progress = progress
        self.name = name
        self.path = path
        self.record = record
        self.trail = trail
        details = ["file": .string(path), "sha256": .string(record.sha256)]
    }

    /// Runs every step; returns whether the restore succeeded and verified, and a sentence.
    mutating func execute() -> (Bool, String) {
        // Safety backup first: without it nothing is restored.
        trail.note(stateLeft: "stopped during the safety backup; the database was not touched")
        guard let safety = safetyBackup() else {
            let why = details["safety_backup_error"]?.string ?? "unknown failure"
            let word = cancelled ? "cancelled" : "failed"
            return (false, "restore of \(name) not done: safety backup \(word): \(why); the database was not touched")
        }
        details["safety_backup"] = .string(safety.path)
        details["safety_backup_sha256"] = .string(safety.record.sha256)

        // All-or-nothing restore.
        let restoreStarted = Date()
        let failure = restore()
        let restoreSeconds = Date().timeIntervalSince(restoreStarted)
        details["restore_seconds"] = .number(restoreSeconds)
        if let failure {
            var sentence = "restore of \(name) failed after \(SecondsText.format(restoreSeconds)) and was rolled back: \(failure)"
            // Measured, not assumed: compare with the safety backup taken moments ago — within a deadline that
            // leaves a cancel's 15 s grace room, so no count is left queued behind a lock.
            do throws(ActionFailure) {
                let counts = try steps.countRows(within: cancelled ? Self.cancelledCountSeconds : Self.failedCountSeconds)
                let comparison = RestoreComparison(expected: safety.record.tableRows, found: counts)
                details["unchanged_check"] = .string(comparison.detail)
                sentence += comparison.allMatch
                    ? "; the row counts of all \(comparison.tables.count) tables are those of the safety backup"
                    : "; row counts now differ from the safety backup: \(comparison.mismatches.joined(separator: "; "))"
            } catch {
                details["unchanged_check_error"] = .string(error.message)
                sentence += "; the row counts could not be compared with the safety backup: \(error.message)"
            }
            sentence += "; safety backup \(safety.record.file)"
            return (false, sentence)
        }

        // Verify every table's row count against the manifest.
        trail.note(stateLeft: "the restore was committed (\(name)); its row counts were being verified")
        progress("verifying row counts against the manifest")
        let counts: [String: Int64]
        do throws(ActionFailure) {
            counts = try steps.countRows()
        } catch {
            details["verification_error"] = .string(error.message)
            return (false, "restored \(name) in \(SecondsText.format(restoreSeconds)), but the row counts could not be "
                    + "verified: \(error.message); safety backup \(safety.record.file)")
        }
        let comparison = RestoreComparison(expected: record.tableRows, found: counts)
        details["table_rows"] = .string(comparison.detail)
        details["tables_verified"] = .string("\(comparison.matched)/\(comparison.tables.count)")
        details["rows_verified"] = .integer(comparison.tables.reduce(Int64(0)) { $0 + (($1.found == $1.expected) ? $1.expected : 0) })
        if !comparison.extra.isEmpty { details["tables_not_in_backup"] = .array(comparison.extra.map { .string($0) }) }
        if !comparison.allMatch {
            details["mismatches"] = .array(comparison.mismatches.map { .string($0) })
            return (false, "restored \(name) in \(SecondsText.format(restoreSeconds)), but \(comparison.mismatches.count) of "
                    + "\(comparison.tables.count) tables do not have the manifest's row counts: "
                    + comparison.mismatches.joined(separator: "; ") + "; safety backup \(safety.record.file)")
        }
        var sentence = "restored \(name) in \(SecondsText.format(restoreSeconds)); all \(comparison.tables.count) tables "
            + "verified against the manifest's row counts; safety backup \(safety.record.file)"
        if !comparison.extra.isEmpty {
            sentence += " (tables not in the backup, left as they were: \(comparison.extra.joined(separator: ", ")))"
        }
        return (true, sentence)
    }

    /// Takes, verifies and lists the safety backup; nil (with `safety_backup_error` set) when it failed.
    private mutating func safetyBackup() -> BackupReport? {
        // Retention runs after the safety backup: keep it from expiring the very backup being restored.
        var safetyConfig = config
        let ageDays = Int(clampingFinite: (Date().timeIntervalSince(record.created) / 86_400).rounded(.up)) + 1
        safetyConfig.keepDays = max(config.keepDays, ageDays)
        let progress = self.progress
        progress("taking the safety backup")
        let outcome = BackupJob(config: safetyConfig, processEnvironment: steps.processEnvironment, cancellation: cancellation,
                                origin: .safety, restoring: record.file)
            .run { progress("safety backup: \($0.text)") }
        commands += outcome.commands
        switch outcome.result {
        case .completed(let report):
            progress("safety backup written and verified: \(report.path)")
            return report
        case .cancelled(let reason):
            cancelled = true
            details["safety_backup_error"] = .string(reason)
        case .failed(let reason), .refused(let reason):
            details["safety_backup_error"] = .string(reason)
        }
        exitStatus = outcome.exitStatus
        return nil
    }

    /// Runs `gunzip -c FILE | psql --single-transaction -v ON_ERROR_STOP=1`; nil when both succeeded, otherwise why not.
    private mutating func restore() -> String? {
        if let reason = cancellation.reason {
            cancelled = reason.isCancel
            return reason.text
        }
        let restoreCommands = steps.restoreCommands(path)
        commands += restoreCommands
        progress("restoring \(name) in one transaction")
        let output = StreamTail(limit: 4096)
        let pipeline: ProcessPipeline
        do throws(ActionFailure) {
            pipeline = try ProcessPipeline.start([
                .init(argv: restoreCommands[0], environment: steps.toolEnvironment),
                .init(argv: restoreCommands[1], environment: steps.psqlEnvironment(application: application)),
            ], sink: .reader { [printed] chunk in
                output.append(chunk)
                printed.append(chunk)
            })
        } catch {
            return error.message
        }
        trail.note(stateLeft: "psql was restoring in one transaction (\(application)); nothing is committed before it ends")
        let cancellation = self.cancellation
        let watchdog = cancellation.timeOut(after: config.timeout)
        defer { watchdog.cancel() }
        let token = cancellation.onFlip { pipeline.terminate() }
        defer { cancellation.remove(token) }
        let started = Date()
        var lastReport = started
        let locks = LockWaitWatch(dsn: config.dsn, password: steps.password, applicationPattern: application)
        defer { locks.close() }
        var lockWait: LockWait?
        while !pipeline.wait(seconds: 0.25) {
            if Date().timeIntervalSince(lastReport) >= 1 {
                lastReport = Date()
                let elapsed = lastReport.timeIntervalSince(started)
                lockWait = locks.poll(elapsed: elapsed)
                if let lockWait {
                    trail.note(stateLeft: "psql was stopped while the restore's transaction was waiting on a lock held by pid "
                               + "\(lockWait.blocker.pid) (\(lockWait.blocker.summary)); nothing was committed")
                }
                let waiting = lockWait.map { ", " + LockWaitWatch.sentence($0) } ?? ""
                progress("restoring \(name): \(DecimalText.fixed(elapsed, digits: 0)) s\(waiting)")
            }
        }
        if let reason = cancellation.reason {
            cancelled = reason.isCancel
            exitStatus = pipeline.firstFailure?.status
            return reason.text + endServerSide(locks, lockWait: lockWait)
        }
        for exit in pipeline.exits { printed.append(Data(exit.errorOutput.utf8)) }
        if let failure = pipeline.firstFailure {
            exitStatus = failure.status
            return steps.scrubbed(failure.summary)
        }
        progress("restored \(name) in \(SecondsText.format(Date().timeIntervalSince(started)))")
        return nil
    }

    /// After psql was stopped: ends its backend server-side (a backend waiting on a lock would otherwise keep
    /// waiting, holding what its transaction locked, until it next talks to its gone client) and records what
    /// it did in `server_session` and the state a give-up would leave. Returns a clause for the sentence.
    private mutating func endServerSide(_ locks: LockWaitWatch, lockWait: LockWait?) -> String {
        let waited = lockWait.map { " while it waited on a lock held by pid \($0.blocker.pid)" } ?? ""
        let session: String
        var clause: String
        if let result = locks.endBackends(named: application) {
            let ended = result.ended.filter { !result.remaining.contains($0) }.map(String.init).joined(separator: ", ")
            let left = result.remaining.map(String.init).joined(separator: ", ")
            session = !left.isEmpty ? "psql's server session (pid \(left)) was still there 3 s after pg_terminate_backend"
                : !ended.isEmpty ? "psql's server session (pid \(ended)) was ended\(waited), so its transaction rolled back"
                : namesOwnApplication ? "psql's server session was not found: the DSN names its own application_name"
                : "psql's server session had already ended"
            clause = result.ended.isEmpty && left.isEmpty ? "" : "; " + session
        } else {
            session = "psql's server session could not be checked (the side connection failed)"
            clause = "; " + session
        }
        details["server_session"] = .string(session)
        if clause.isEmpty, !waited.isEmpty { clause = "; psql was stopped" + waited }
        trail.note(stateLeft: "psql was stopped\(waited); \(session); nothing was committed; "
                   + "the row counts were being compared with the safety backup")
        return clause
    }

    /// Whether the configured DSN names an `application_name`, which then wins over psql's `PGAPPNAME`.
    private var namesOwnApplication: Bool {
        (try? ConnectionString(parsing: config.dsn).value(of: "application_name")) != nil
    }

    /// How long the row counts after a cancelled restore may take: within the 15 s grace after the cancel.
    static let cancelledCountSeconds = 8.0
    /// How long the row counts after a failed restore may take.
    static let failedCountSeconds = 60.0
}

private extension CancellationSwitch.Reason {
    var isCancel: Bool {
        if case .cancelled = self { return true }
        return false
    }
}
