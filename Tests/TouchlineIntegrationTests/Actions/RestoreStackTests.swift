import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The restore action against the real PostgreSQL of `scripts/stack`.
///
/// Nested in ``RealStackSuite``, so it never runs while another suite stops a service of the shared stack.
/// Every case starts from the seed's data and restores its first backup before it ends, so the stack's
/// data is again the seed's afterwards.
extension RealStackSuite {
@Suite("Restore against the stack", .serialized)
struct RestoreStackTests {
    private static let tables = ["public.matches", "public.predictions", "public.teams"]

    private func support() throws -> BackupTestSupport {
        switch TestStack.shared {
        case .success(let stack):
            let support = BackupTestSupport(stack: stack)
            try support.waitForPostgres()
            return support
        case .failure(let error): throw error
        }
    }

    private func restoreAction(_ support: BackupTestSupport, port: Int? = nil) throws -> RestoreAction {
        let (environment, config) = try support.environment(port: port)
        return RestoreAction(environment: environment, config: config, processEnvironment: support.stack.environment,
                             identity: OperatorIdentity(user: "restore-test", host: "test-host", pid: getpid()))
    }

    /// Row counts of the stack's tables, counted independently of touchline (psql as the superuser).
    private func counts(_ support: BackupTestSupport) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for table in Self.tables { counts[table] = Int64(support.stack.adminQuery("SELECT count(*) FROM \(table)")) ?? -1 }
        return counts
    }

    /// Deletes five predictions and adds a team: a change a restore must undo.
    private func changeData(_ support: BackupTestSupport) {
        _ = support.stack.adminQuery("DELETE FROM predictions WHERE id IN (SELECT id FROM predictions ORDER BY id LIMIT 5)")
        _ = support.stack.adminQuery(
            "INSERT INTO teams (name, league, country, elo_rating) VALUES ('Restore Test FC', 'Test League', 'Nowhere', 1500)")
    }

    /// A backup of the current (seed) data, checked against independent counts.
    private func seedBackup(_ support: BackupTestSupport) throws -> BackupReport {
        let result = try support.action().run()
        let report = try #require(result.report, "\(result.message)")
        #expect(report.record.tableRows == counts(support))
        return report
    }

    /// Puts the seed's data back from `backup`, whatever the test did.
    private func restoreSeed(_ support: BackupTestSupport, _ backup: BackupReport) throws {
        if counts(support) == backup.record.tableRows
            && support.stack.adminQuery("SELECT count(*) FROM teams WHERE name = 'Restore Test FC'") == "0" { return }
        let (ok, message) = try restoreAction(support).run(file: backup.record.file)
        #expect(ok, "\(message)")
        #expect(counts(support) == backup.record.tableRows)
    }

    @Test("restore after deleting and adding rows brings back the backup's row counts; a safety backup is listed")
    func restoreBringsRowsBack() throws {
        let support = try support()
        let backup = try seedBackup(support)
        defer { try? restoreSeed(support, backup) }
        changeData(support)
        let changed = counts(support)
        #expect(changed != backup.record.tableRows)

        let action = try restoreAction(support)
        let preview = action.preview(file: backup.record.file)
        #expect(preview.count == 2 && preview[0].hasPrefix("pg_dump "))
        #expect(preview[1].hasSuffix(" --single-transaction -v ON_ERROR_STOP=1 -X -q --no-password"), "\(preview[1])")
        #expect(preview[1].hasPrefix("gunzip -c -- \(backup.path) | psql "))

        let messages = RestoreMessages()
        let started = Date()
        let (ok, message) = action.run(file: backup.record.file, progress: messages.record)
        let seconds = Date().timeIntervalSince(started)
        #expect(ok, "\(message)")
        #expect(message.contains("all 3 tables verified"), "\(message)")

        // Independently of touchline: the counts are the backup's again, the added team is gone.
        #expect(counts(support) == backup.record.tableRows)
        #expect(support.stack.adminQuery("SELECT count(*) FROM teams WHERE name = 'Restore Test FC'") == "0")

        // The safety backup exists, is verified and listed, and holds the data as it was before the restore.
        let manifest = BackupManifestStore.load(directory: support.backupDirectory).manifest
        #expect(manifest.backups.count == 2)
        let safety = try #require(manifest.backups.first { $0.file != backup.record.file })
        #expect(safety.verified && safety.tableRows == changed)
        #expect(FileManager.default.fileExists(atPath: support.backupDirectory + "/" + safety.file))
        #expect(safety.sha256 == support.independentSHA256(support.backupDirectory + "/" + safety.file))
        #expect(message.contains(safety.file), "\(message)")

        // Audit: the backup's two records, then the restore's start and end.
        let audit = support.auditRecords().filter { $0.action == RestoreAction.name }
        #expect(audit.map(\.phase) == [.start, .end])
        let end = try #require(audit.last)
        #expect(end.outcome == .ok && end.id == audit.first?.id && end.target == backup.record.file)
        let printed = try #require(end.output, "the end record digests what psql printed")
        #expect(printed.bytes > 0 && printed.lines > 0 && printed.sha256.count == 64)
        #expect(end.details["safety_backup"] == .string(support.backupDirectory + "/" + safety.file))
        #expect(end.details["tables_verified"]?.string == "3/3")
        if case .integer(let rows)? = end.details["rows_verified"] { #expect(rows > 0) } else {
            Issue.record("rows_verified is not a JSON number: \(String(describing: end.details["rows_verified"]))")
        }
        if case .number(let seconds)? = end.details["restore_seconds"] { #expect(seconds > 0) } else {
            Issue.record("restore_seconds is not a JSON number: \(String(describing: end.details["restore_seconds"]))")
        }
        #expect(end.commands.contains { $0.first == "psql" && $0.contains("--single-transaction") && $0.contains("ON_ERROR_STOP=1") })
        #expect(!support.writtenText().contains(support.stack.password))
        #expect(!end.commands.flatMap { $0 }.joined(separator: " ").contains(support.stack.password))
        #expect(messages.all.contains { $0.hasPrefix("safety backup") } && messages.all.contains { $0.hasPrefix("restoring") })
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)
        print("restore of the stack database: \(message) [restore action total \(String(format: "%.3f", seconds)) s, "
              + "psql step \(end.details["restore_seconds"]?.double.map(SecondsText.format) ?? "?")]")
    }

    @Test("a backup whose bytes changed is refused before anything runs; not verified, unreachable and lock held are refused too")
    func refusals() throws {
        let support = try support()
        let backup = try seedBackup(support)
        defer { try? restoreSeed(support, backup) }
        changeData(support)
        let changed = counts(support)
        let original = try Data(contentsOf: URL(fileURLWithPath: backup.path))

        // Flip one byte in the middle: the recomputed sha256 (and gzip's CRC) no longer match.
        var corrupt = original
        corrupt[corrupt.count / 2] ^= 0xFF
        try corrupt.write(to: URL(fileURLWithPath: backup.path))
        let (ok, message) = try restoreAction(support).run(file: backup.record.file)
        #expect(!ok)
        #expect(message.hasPrefix("restore refused: \(backup.record.file) fails verification"), "\(message)")
        #expect(counts(support) == changed, "the database is unchanged")
        #expect(support.files() == [backup.record.file, "manifest.json"], "no safety backup was taken")
        #expect(BackupManifestStore.load(directory: support.backupDirectory).manifest.record(named: backup.record.file)?.verified == false)

        // Now the manifest says unverified: refused on that alone, even with the original bytes back.
        try original.write(to: URL(fileURLWithPath: backup.path))
        let (ok2, message2) = try restoreAction(support).run(file: backup.record.file)
        #expect(!ok2 && message2.contains("is not verified"), "\(message2)")
        try BackupManifestStore.setVerified(true, file: backup.record.file, directory: support.backupDirectory)

        // A valid gzip of the very same SQL, but other bytes: the sha256 differs from the manifest's.
        let sql = ProcessRunner.runSeparately("/usr/bin/gzip", ["-dc", backup.path], environment: [:], timeout: 60).stdout
        let plain = support.root + "/same.sql"
        try sql.write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(ProcessRunner.run("/usr/bin/gzip", ["-9", "-n", plain], environment: [:], timeout: 60).0 == 0)
        try FileManager.default.removeItem(atPath: backup.path)
        try FileManager.default.moveItem(atPath: plain + ".gz", toPath: backup.path)
        let (ok3, message3) = try restoreAction(support).run(file: backup.record.file)
        #expect(!ok3 && message3.contains("no longer matches its sha256"), "\(message3)")
        #expect(counts(support) == changed)
        try FileManager.default.removeItem(atPath: backup.path)
        try original.write(to: URL(fileURLWithPath: backup.path))
        try BackupManifestStore.setVerified(true, file: backup.record.file, directory: support.backupDirectory)

        // Not in the manifest.
        let (ok4, message4) = try restoreAction(support).run(file: "football_prediction_staging_20000101_000000.sql.gz")
        #expect(!ok4 && message4.contains("is not listed in the manifest"), "\(message4)")

        // The database unreachable.
        let (ok5, message5) = try restoreAction(support, port: TestStack.freePort()).run(file: backup.record.file)
        #expect(!ok5 && message5.hasPrefix("restore refused: the database is unreachable"), "\(message5)")

        // The lock held by another action.
        let held = try ActionLock.acquire(stateDirectory: support.stateDirectory, environment: "staging", action: "backup",
                                          identity: OperatorIdentity(user: "someone", host: "elsewhere", pid: 4242))
        let (ok6, message6) = try restoreAction(support).run(file: backup.record.file)
        held.release()
        #expect(!ok6 && message6.contains("another action is running on staging: backup by someone@elsewhere"), "\(message6)")

        #expect(counts(support) == changed, "nothing was restored by any refused attempt")
        #expect(support.files() == [backup.record.file, "manifest.json"])
        let restoreRecords = support.auditRecords().filter { $0.action == RestoreAction.name }
        #expect(restoreRecords.count == 6 && restoreRecords.allSatisfy { $0.outcome == .refused && $0.phase == .end })
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)
        #expect(!support.writtenText().contains(support.stack.password))
    }

    @Test("a restore whose SQL fails midway is rolled back: the row counts are unchanged")
    func failureMidwayRollsBack() throws {
        let support = try support()
        let backup = try seedBackup(support)
        defer { try? restoreSeed(support, backup) }
        changeData(support)
        let changed = counts(support)

        // The backup's SQL with an error inserted after the tables were dropped, recreated and partly loaded.
        let sql = ProcessRunner.runSeparately("/usr/bin/gzip", ["-dc", backup.path], environment: [:], timeout: 60).stdout
        let anchor = try #require(sql.range(of: "COPY public.predictions"), "the dump loads predictions")
        #expect(sql[..<anchor.lowerBound].contains("DROP TABLE IF EXISTS public.teams"))
        #expect(sql[..<anchor.lowerBound].contains("COPY public.matches"))
        let broken = sql[..<anchor.lowerBound] + "SELECT 1 / 0 AS touchline_midway_failure;\n" + sql[anchor.lowerBound...]
        let name = "football_prediction_staging_20990101_000000.sql.gz"
        let plain = support.backupDirectory + "/" + String(name.dropLast(3))
        try String(broken).write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(ProcessRunner.run("/usr/bin/gzip", ["-n", plain], environment: [:], timeout: 60).0 == 0)
        let path = support.backupDirectory + "/" + name
        let size = try #require((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value)
        let record = BackupRecord(file: name, created: Date(), size: size, sha256: support.independentSHA256(path),
                                  database: backup.record.database, serverVersion: backup.record.serverVersion,
                                  tableRows: backup.record.tableRows, verified: true)
        _ = try BackupManifestStore.add(record, directory: support.backupDirectory, keepDays: 7)

        let (ok, message) = try restoreAction(support).run(file: name)
        #expect(!ok)
        #expect(message.contains("failed") && message.contains("rolled back"), "\(message)")
        #expect(message.contains("psql exited with 3") && message.contains("division by zero"), "\(message)")
        #expect(message.contains("the row counts of all 3 tables are those of the safety backup"), "\(message)")
        #expect(counts(support) == changed, "the database is as it was before the restore")
        #expect(support.stack.adminQuery("SELECT count(*) FROM teams WHERE name = 'Restore Test FC'") == "1")

        let end = try #require(support.auditRecords().last)
        #expect(end.action == RestoreAction.name && end.outcome == .failed && end.exitStatus == 3)
        #expect(end.details["safety_backup"] != nil)
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)

        // The safety backup was taken and records the changed data.
        let manifest = BackupManifestStore.load(directory: support.backupDirectory).manifest
        let safety = try #require(manifest.backups.first { $0.file != name && $0.file != backup.record.file })
        #expect(safety.verified && safety.tableRows == changed)
    }

    @Test("cancel while psql restores a large dump: killed, rolled back, row counts unchanged, audited as cancelled")
    func cancelMidwayRollsBack() throws {
        let support = try support()
        let database = try BackupTestSupport.slowDatabase(support)
        let count = { support.query("SELECT count(*) FROM readings", database: database) }
        let backup = try #require(try support.action(database: database).run().report)
        _ = support.query("DELETE FROM readings WHERE id <= 10", database: database)
        defer {
            _ = support.query("INSERT INTO readings SELECT i, md5(i::text), md5((i * 7)::text) FROM generate_series(1, 10) AS i "
                              + "WHERE NOT EXISTS (SELECT 1 FROM readings WHERE id = i)", database: database)
        }
        let before = count()
        #expect(before == String(backup.record.tableRows["public.readings"].map { $0 - 10 } ?? -1))

        let (environment, config) = try support.environment(database: database)
        let action = RestoreAction(environment: environment, config: config, processEnvironment: support.stack.environment,
                                   identity: OperatorIdentity(user: "restore-test", host: "test-host", pid: getpid()))
        let messages = RestoreMessages()
        let done = DispatchSemaphore(value: 0)
        let box = RestoreMessages()
        action.start(file: backup.record.file, progress: messages.record) { ok, message in
            box.record("\(ok)|\(message)")
            done.signal()
        }
        let deadline = Date().addingTimeInterval(120)
        while !messages.all.contains(where: { $0.hasPrefix("restoring ") }) && Date() < deadline { usleep(20_000) }
        usleep(700_000)
        action.cancel()
        #expect(done.wait(timeout: .now() + 60) == .success)
        let outcome = try #require(box.all.first)
        #expect(outcome.hasPrefix("false|restore of \(backup.record.file) failed") && outcome.contains("cancelled by the operator"),
                "\(outcome)")
        #expect(count() == before, "the transaction was rolled back")
        #expect(BackupTestSupport.childProcess(named: "psql") == nil && BackupTestSupport.childProcess(named: "gunzip") == nil)
        #expect(support.auditRecords().last?.outcome == .cancelled)
        #expect(ActionLock.holder(stateDirectory: support.stateDirectory) == nil)
    }

    @Test("start runs on its own thread and reports through progress and completion")
    func startOnThread() throws {
        let support = try support()
        let backup = try seedBackup(support)
        defer { try? restoreSeed(support, backup) }
        _ = support.stack.adminQuery("DELETE FROM predictions WHERE id IN (SELECT id FROM predictions ORDER BY id DESC LIMIT 2)")
        let messages = RestoreMessages()
        let done = DispatchSemaphore(value: 0)
        let box = RestoreMessages()
        try restoreAction(support).start(file: backup.record.file, progress: messages.record) { ok, message in
            box.record("\(ok)|\(message)")
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 120) == .success)
        let outcome = try #require(box.all.first)
        #expect(outcome.hasPrefix("true|restored "), "\(outcome)")
        #expect(counts(support) == backup.record.tableRows)
        #expect(!messages.all.isEmpty)
    }
}
}

/// Progress lines collected from the restore thread.
final class RestoreMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func record(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var all: [String] { lock.withLock { lines } }
}
