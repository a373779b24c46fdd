import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The backup action against the real PostgreSQL of `scripts/stack`.
///
/// Nested in ``RealStackSuite``, so it never runs while another suite stops a service of the shared stack.
/// None of its cases stops one either: a lost connection is made by terminating pg_dump's own backend,
/// and a dead pg_dump by killing it.
extension RealStackSuite {
@Suite("Backup against the stack", .serialized)
struct BackupStackTests {
    private func support() throws -> BackupTestSupport {
        switch TestStack.shared {
        case .success(let stack):
            let support = BackupTestSupport(stack: stack)
            try support.waitForPostgres()
            return support
        case .failure(let error): throw error
        }
    }

    private func slowDatabase() throws -> String {
        try BackupTestSupport.slowDatabase(try support())
    }

    @Test("a backup is written, verified, listed with sha256 and row counts that independent tools agree with")
    func writesVerifiedBackup() throws {
        let support = try support()
        let recorder = ProgressRecorder()
        let result = try support.action().run(progress: recorder.record)
        let report = try #require(result.report, "\(result.message)")
        let record = report.record

        #expect(support.files() == [record.file, "manifest.json"])
        #expect(record.file.hasPrefix("football_prediction_staging_") && record.file.hasSuffix(".sql.gz"))
        let attributes = try FileManager.default.attributesOfItem(atPath: report.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.int64Value == record.size)
        #expect(record.sha256 == support.independentSHA256(report.path))
        #expect(record.verified)
        #expect(record.database == "football_prediction_staging")
        #expect(record.serverVersion.hasPrefix("15"))
        #expect(record.tableRows.keys.sorted() == ["public.matches", "public.predictions", "public.teams"])
        for (table, count) in record.tableRows {
            #expect(support.query("SELECT count(*) FROM \(table)") == String(count), "\(table)")
        }
        #expect(ProcessRunner.run("/usr/bin/gzip", ["-t", report.path], environment: [:], timeout: 60).0 == 0)

        let inventory = BackupInventory.load(directory: support.backupDirectory)
        #expect(inventory.entries.map(\.state) == [.verified])
        #expect(inventory.entries.first?.record == record)
        #expect(inventory.freshnessWarning() == nil)

        let phases = recorder.all.map(\.phase)
        #expect(phases.first == .connecting && phases.last == .finishing)
        #expect(phases.contains(.dumping) && phases.contains(.verifying))
        #expect(recorder.all.last?.bytesWritten == record.size)

        let audit = support.auditRecords()
        #expect(audit.map(\.phase) == [.start, .end])
        #expect(audit[1].outcome == .ok && audit[1].id == audit[0].id)
        #expect(audit[1].details["sha256"] == .string(record.sha256))
        #expect(audit[1].details["file"] == .string(report.path))
        #expect(audit[1].details["size"] == .integer(record.size), "the size is a JSON number of bytes")
        #expect(audit[1].details["verified"] == .bool(true), "verified is a JSON boolean")
        #expect(audit[1].details["table_rows"] == .object(record.tableRows.mapValues { .integer($0) }))
        #expect(audit[1].output?.sha256.count == 64, "the end record digests what pg_dump and the compressor printed")
        #expect(audit[1].commands.first?.first == "pg_dump")
        #expect(audit[1].commands.first?.contains { $0.hasPrefix("--snapshot=") } == true)
        #expect(audit[0].commands.first?.contains("--snapshot=<snapshot>") == true)
        #expect(!support.writtenText().contains(support.stack.password))
        #expect(!report.commands.flatMap { $0 }.joined(separator: " ").contains(support.stack.password))
        print("backup of the stack database: \(record.size) bytes (SQL \(record.dumpBytes ?? 0)), "
              + String(format: "dump %.3f s, verify %.3f s, total %.3f s", report.dumpSeconds, report.verifySeconds,
                       record.durationSeconds ?? 0))
    }

    @Test("gunzip -c FILE | psql into a fresh database reproduces the manifest's row counts")
    func roundTrip() throws {
        let support = try support()
        let result = try support.action().run()
        let report = try #require(result.report, "\(result.message)")
        let scratch = "touchline_round_trip_\(getpid())"
        #expect(support.query("CREATE DATABASE \(scratch)", database: "postgres").isEmpty)
        defer { _ = support.query("DROP DATABASE IF EXISTS \(scratch)", database: "postgres") }
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let restore = try ProcessPipeline.start([
            .init(argv: ["gzip", "-dc", report.path], environment: support.stack.environment),
            .init(argv: [script, "admin-psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", scratch], environment: support.stack.environment),
        ], sink: .reader { _ in })
        restore.waitUntilExit()
        #expect(restore.firstFailure == nil, "\(restore.firstFailure?.summary ?? "")")
        for (table, count) in report.record.tableRows {
            #expect(support.query("SELECT count(*) FROM \(table)", database: scratch) == String(count), "\(table)")
        }
    }

    @Test("a wrong password fails before anything is written; the audit says failed; no password is recorded")
    func wrongPassword() throws {
        let support = try support()
        let wrong = "wrong-\(UUID().uuidString)"
        let result = try support.action(password: wrong).run()
        guard case .failed(let reason) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(reason.contains("password authentication failed"), "\(reason)")
        #expect(support.files().isEmpty)
        let end = try #require(support.auditRecords().last)
        #expect(end.outcome == .failed)
        #expect(end.error?.contains("password authentication failed") == true)
        #expect(!support.writtenText().contains(wrong))
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)
    }

    @Test("an unreachable database fails with a clear error and leaves nothing behind")
    func unreachableDatabase() throws {
        let support = try support()
        let result = try support.action(port: TestStack.freePort()).run()
        guard case .failed(let reason) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(reason.hasPrefix("Connection refused (connecting to 127.0.0.1 port "), "\(reason)")
        #expect(support.files().isEmpty)
        #expect(support.auditRecords().last?.outcome == .failed)
    }

    @Test("the connection lost while pg_dump streams: failed, the partial file deleted, the lock released")
    func connectionLostMidway() throws {
        let support = try support()
        let action = try support.action(database: try slowDatabase())
        let recorder = ProgressRecorder()
        let box = ResultBox()
        action.start(progress: recorder.record, completion: box.set)
        #expect(recorder.wait { $0.phase == .dumping && $0.bytesWritten > 0 })
        #expect(support.files().contains { $0.hasSuffix(".partial") }, "the dump is written under a temporary name")
        let terminated = support.query(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'touchline-backup'")
        #expect(terminated == "1")
        let result = try #require(box.wait())
        guard case .failed(let reason) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(reason.hasPrefix("pg_dump exited with 1"), "\(reason)")
        #expect(support.files().isEmpty, "\(support.files())")
        let end = try #require(support.auditRecords().last)
        #expect(end.outcome == .failed && end.exitStatus == 1)
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)
    }

    @Test("pg_dump killed midway: failed, no file listed or left, the lock free for the next action")
    func pgDumpKilledMidway() throws {
        let support = try support()
        let action = try support.action(database: try slowDatabase())
        let recorder = ProgressRecorder()
        let box = ResultBox()
        action.start(progress: recorder.record, completion: box.set)
        #expect(recorder.wait { $0.phase == .dumping && $0.bytesWritten > 0 })
        let pid = try #require(BackupTestSupport.childProcess(named: "pg_dump"))
        kill(pid, SIGKILL)
        let result = try #require(box.wait())
        #expect(result == .failed(reason: "pg_dump was killed by signal 9"))
        #expect(support.files().isEmpty)
        #expect(BackupInventory.load(directory: support.backupDirectory).entries.isEmpty)
        let next = try ActionLock.acquire(stateDirectory: support.stateDirectory, environment: "staging", action: "backup")
        #expect(next.tookOverFrom == nil)
        next.release()
    }

    @Test("cancel while dumping: cancelled, children gone, no file, audit says cancelled")
    func cancelMidway() throws {
        let support = try support()
        let action = try support.action(database: try slowDatabase())
        let recorder = ProgressRecorder()
        let box = ResultBox()
        action.start(progress: recorder.record, completion: box.set)
        #expect(recorder.wait { $0.phase == .dumping && $0.bytesWritten > 0 })
        let started = Date()
        action.cancel()
        let result = try #require(box.wait())
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result == .cancelled(reason: "cancelled by the operator"))
        #expect(support.files().isEmpty)
        #expect(BackupTestSupport.childProcess(named: "pg_dump") == nil && BackupTestSupport.childProcess(named: "gzip") == nil
                && BackupTestSupport.childProcess(named: "pigz") == nil)
        #expect(support.auditRecords().map { $0.outcome } == [nil, .cancelled])
        #expect(support.auditRecords().last?.details["partial_file"]?.string == "deleted", "the compensation is recorded")
    }

    @Test("the time limit stops a backup: failed with the limit named, nothing left behind")
    func timeout() throws {
        let support = try support()
        let started = Date()
        let result = try support.action(database: try slowDatabase(), timeout: "1s").run()
        #expect(result == .failed(reason: "timed out after 1s"))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(support.files().isEmpty)
        #expect(support.auditRecords().last?.error == "timed out after 1s", "the audit error is the cause, without the outcome repeated")
    }

    @Test("two concurrent backups: the second is refused naming the first; the refusal is audited")
    func concurrentBackupRefused() throws {
        let support = try support()
        let first = try support.action(database: try slowDatabase())
        let recorder = ProgressRecorder()
        let box = ResultBox()
        first.start(progress: recorder.record, completion: box.set)
        #expect(recorder.wait { $0.phase == .dumping })
        let second = try support.action().run()
        guard case .refused(let reason) = second else { Issue.record("expected a refusal, got \(second)"); return }
        #expect(reason.contains("another action is running on staging: backup by backup-test@test-host (pid \(getpid()))"), "\(reason)")
        first.cancel()
        _ = box.wait()
        let outcomes = support.auditRecords().map { $0.outcome }
        #expect(outcomes.contains(.refused) && outcomes.contains(.cancelled))
    }

    @Test("retention after a backup deletes backups older than keep_days, files and manifest entries")
    func retentionAfterBackup() throws {
        let support = try support()
        try FileManager.default.createDirectory(atPath: support.backupDirectory, withIntermediateDirectories: true)
        let old = ["db_20200101_000000.sql.gz", "db_20200201_000000.sql.gz"]
        var manifest = BackupManifest()
        for (index, name) in old.enumerated() {
            try Data("old".utf8).write(to: URL(fileURLWithPath: support.backupDirectory + "/" + name))
            manifest.add(BackupRecord(file: name, created: Date().addingTimeInterval(-Double(30 - index) * 86_400), size: 3,
                                      sha256: "x", database: "db", serverVersion: "15", tableRows: [:], verified: true))
        }
        try BackupManifestStore.save(manifest, directory: support.backupDirectory)
        let report = try #require(try support.action().run().report)
        #expect(report.expired.map(\.file) == old)
        #expect(support.files() == [report.record.file, "manifest.json"])
        #expect(BackupManifestStore.load(directory: support.backupDirectory).manifest.backups.map(\.file) == [report.record.file])
    }
}
}
