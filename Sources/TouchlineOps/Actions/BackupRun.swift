import FoundationEssentials
import TouchlineCore

/// The steps of one ``BackupJob`` run, remembering the commands it ran and the status that failed it.
struct BackupRun {
    let job: BackupJob
    let started: Date
    let progress: @Sendable (BackupProgress) -> Void
    private(set) var commands: [[String]] = []
    private(set) var exitStatus: Int32?
    /// The folders this run created for the backup directory, removed again if it fails.
    private var createdFolders: [String] = []
    /// A digest of what the dump and the compressor printed (their standard error).
    let printed = OutputRecorder()

    init(job: BackupJob, started: Date, progress: @escaping @Sendable (BackupProgress) -> Void) {
        self.job = job
        self.started = started
        self.progress = progress
    }

    private var config: BackupConfig { job.config }
    private var elapsed: Double { Date().timeIntervalSince(started) }

    /// Runs every step; the partial file is gone whenever the result is not `.completed`.
    mutating func execute() -> BackupResult {
        do throws(ActionFailure) {
            return try dumpVerifyAndList()
        } catch {
            BackupDirectory.removeCreated(createdFolders)
            exitStatus = exitStatus ?? error.exitStatus
            let message = job.scrubbed(error.message)
            switch job.cancellation.reason {
            case .cancelled(let reason): return .cancelled(reason: reason)
            case .timedOut(let reason): return .failed(reason: reason)
            case nil: return .failed(reason: message)
            }
        }
    }

    private mutating func dumpVerifyAndList() throws(ActionFailure) -> BackupResult {
        try stopIfCancelled()
        progress(BackupProgress(phase: .connecting, bytesWritten: 0, elapsed: elapsed))
        createdFolders = try BackupDirectory.prepare(config.directory)
        BackupDirectory.removeAbandonedPartials(in: config.directory, olderThan: config.timeout + 60)
        let session = try SnapshotConnection.open(dsn: config.dsn, password: job.password)
        defer { session.close() }
        let token = job.cancellation.onFlip { session.cancelQuery() }
        defer { job.cancellation.remove(token) }
        let facts = try session.begin()
        let created = ActionJSON.wholeMilliseconds(Date())
        let name = BackupFileName.make(database: facts.database, at: created) { BackupDirectory.exists($0, in: config.directory) }
        let finalPath = BackupDirectory.file(name, in: config.directory)
        let partial = try PartialFile(path: finalPath + BackupFileName.partialSuffix)
        defer { partial.discard() }

        let dumpStarted = Date()
        let verifier = try StreamVerifier(compressor: job.compressor, environment: job.toolEnvironment)
        defer { verifier.abandon() }
        let tableRows = try dump(snapshot: facts.snapshot, session: session, into: partial, verifier: verifier)
        session.close()
        let size = try partial.finishWriting()
        let dumpSeconds = Date().timeIntervalSince(dumpStarted)

        // The verifiers have read the compressed stream while it was written; what is left is their end.
        let verifyStarted = Date()
        progress(BackupProgress(phase: .verifying, bytesWritten: size, elapsed: elapsed))
        let verification = verifier.finish(expectedBytes: size, cancellation: job.cancellation) { [progress, started] _ in
            progress(BackupProgress(phase: .verifying, bytesWritten: size, elapsed: Date().timeIntervalSince(started)))
        }
        commands += verification.commands
        try stopIfCancelled()
        guard verification.passed, let sha256 = verification.sha256 else {
            throw ActionFailure("verification failed: \(verification.problem ?? "unknown problem")")
        }
        let verifySeconds = Date().timeIntervalSince(verifyStarted)

        progress(BackupProgress(phase: .finishing, bytesWritten: size, elapsed: elapsed))
        try partial.publish(as: finalPath)
        var record = BackupRecord(file: name, created: created, size: size, sha256: sha256, database: facts.database,
                                  serverVersion: facts.serverVersion, tableRows: tableRows, verified: true,
                                  dumpBytes: verification.dumpBytes, durationSeconds: elapsed)
        record.origin = job.origin
        record.restoring = job.restoring
        let retention: (expired: [BackupRecord], warnings: [String])
        do throws(ActionFailure) {
            retention = try BackupManifestStore.add(record, directory: config.directory, keepDays: config.keepDays)
        } catch {
            throw ActionFailure("\(finalPath) was written and verified, but the manifest could not be updated: \(error.message)")
        }
        return .completed(BackupReport(record: record, path: finalPath, commands: commands, expired: retention.expired,
                                       warnings: retention.warnings, dumpSeconds: dumpSeconds, verifySeconds: verifySeconds))
    }

    /// Runs `pg_dump | gzip` (or pigz) into `partial`, and into `verifier`, while counting rows in the same
    /// snapshot; returns the counts.
    private mutating func dump(snapshot: String, session: SnapshotConnection, into partial: PartialFile,
                               verifier: StreamVerifier) throws(ActionFailure) -> [String: Int64] {
        let dumpArgv = BackupCommandLine.dump(dsn: config.dsn, snapshot: snapshot)
        commands = [dumpArgv, job.compressor.compress]
        let writer = ChunkWriter(descriptor: partial.descriptor, tee: verifier.feed)
        let pipeline = try ProcessPipeline.start([
            .init(argv: dumpArgv, environment: job.dumpEnvironment),
            .init(argv: job.compressor.compress, environment: job.toolEnvironment),
        ], sink: .reader(writer.write))
        let token = job.cancellation.onFlip { pipeline.terminate() }
        defer { job.cancellation.remove(token) }
        progress(BackupProgress(phase: .dumping, bytesWritten: 0, elapsed: elapsed))
        let counting = RowCountTask(session: session)
        let locks = LockWaitWatch(dsn: job.config.dsn, password: job.password, applicationPattern: "touchline-backup%")
        defer { locks.close() }
        // Which failure came first decides what is reported: a count that failed on its own ends the
        // exported snapshot's transaction, so pg_dump then fails too ("could not import the requested
        // snapshot") or is stopped here; a count stopped here because the dump failed explains nothing.
        var countStoppedHere = false
        while true {
            let dumpOver = pipeline.wait(seconds: 0.25)
            let countingOver = counting.wait(seconds: dumpOver ? 0.25 : 0)
            if case .failure = counting.result { pipeline.terminate() }
            if writer.failure != nil { pipeline.terminate() }
            if dumpOver && !countingOver && pipeline.firstFailure != nil {
                countStoppedHere = true
                session.cancelQuery()
            }
            if dumpOver && countingOver { break }
            var report = BackupProgress(phase: .dumping, bytesWritten: writer.bytes, elapsed: elapsed)
            report.lockWait = locks.poll(elapsed: elapsed).map(LockWaitWatch.sentence)
            progress(report)
        }
        progress(BackupProgress(phase: .dumping, bytesWritten: writer.bytes, elapsed: elapsed))
        for exit in pipeline.exits { printed.append(Data(exit.errorOutput.utf8)) }
        try stopIfCancelled()
        if let failure = writer.failure { throw ActionFailure("writing \(partial.path) failed: \(failure.message)") }
        var countFailure: ActionFailure?
        if case .failure(let failure) = counting.result, !countStoppedHere { countFailure = failure }
        // The count's own failure came first: the dump's failure (a lost snapshot, our SIGTERM) followed from it.
        if let countFailure { throw countFailure }
        if let failure = pipeline.firstFailure {
            exitStatus = failure.status
            throw ActionFailure(failure.summary, exitStatus: failure.status)
        }
        guard case .success(let tableRows) = counting.result else { throw ActionFailure("counting rows did not finish") }
        return tableRows
    }

    private func stopIfCancelled() throws(ActionFailure) {
        if let reason = job.cancellation.reason { throw ActionFailure(reason.text) }
    }
}
