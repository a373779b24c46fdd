import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The headless action commands (`restart`, `releases`, `rollback`, `backups`, `restore`) run as the real
/// binary against the real stack: exit codes, output, locks and the audit log.
///
/// Each case has a state folder and backup folder of its own; the rollback case leaves the API on 1.5.0
/// and the restore case leaves the seed's rows, whatever happens.
extension RealStackSuite {
@Suite("Headless action commands", .serialized)
struct HeadlessActionTests {
    private func headless() throws -> HeadlessRunner {
        switch TestStack.shared {
        case .success(let stack): return HeadlessRunner(stack: stack)
        case .failure(let error): throw error
        }
    }

    @Test("restart api --yes: exit 0, time to healthy printed, start and end audited with an output digest, no password")
    func restartAPI() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let result = runner.run(["restart", "api", "--yes"], config: config)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("api healthy"), "\(result.stdout)")
        #expect(result.stdout.contains("s after the restart began"), "\(result.stdout)")
        let records = runner.auditRecords().filter { $0.action == "restart" }
        #expect(records.map(\.phase) == [.start, .end])
        let end = try #require(records.last)
        #expect(end.outcome == .ok && end.target == "api")
        #expect(end.output?.sha256.count == 64, "\(String(describing: end.output))")
        let seconds = try #require(end.details["time_to_healthy_seconds"]?.double, "time_to_healthy_seconds is a number")
        #expect(result.stdout.contains("api healthy \(SecondsText.format(seconds)) after the restart began"),
                "the message rounds the figure with the one duration formatter: \(result.stdout)")
        let audit = runner.run(["audit", "--json", "--limit", "2"], config: config)
        #expect(audit.code == 0, "\(audit.stderr)")
        let newest = try runner.json(String(audit.stdout.split(separator: "\n").first ?? ""))
        let details = try #require(newest["details"] as? [String: Any], "\(audit.stdout)")
        #expect(details["time_to_healthy_seconds"] is NSNumber && !(details["time_to_healthy_seconds"] is String),
                "audit --json writes numbers as numbers: \(audit.stdout)")
        #expect(newest["duration_seconds"] is NSNumber)
        #expect(!runner.auditText().contains(runner.stack.password))
        #expect(!result.stdout.contains(runner.stack.password) && !result.stderr.contains(runner.stack.password))
    }

    @Test("releases marks the running one; rollback to 1.4.2 makes /health report it, no previous then; roll forward to 1.5.0")
    func rollbackRoundTrip() throws {
        let runner = try headless()
        let stack = runner.stack
        defer { stack.run(["rollback", "1.5.0"]) }
        let config = try runner.writeConfig()
        let listed = runner.run(["releases"], config: config)
        #expect(listed.code == 0, "\(listed.stderr)")
        // Other suites may have deployed releases of their own (a rehearsal's 9.x): columns widen, order holds.
        #expect(listed.stdout.contains(/1\.5\.0 +running/), "\(listed.stdout)")
        #expect(listed.stdout.contains(/1\.4\.2 +previous/), "\(listed.stdout)")

        let back = runner.run(["rollback", "--confirm", "staging", "--json"], config: config)
        #expect(back.code == 0, "\(back.stdout)\(back.stderr)")
        let report = try runner.json(back.stdout)
        #expect(report["ok"] as? Bool == true && report["release"] as? String == "1.4.2" && report["from_release"] as? String == "1.5.0")
        #expect(report["downtime_seconds"] is Double || report["downtime_seconds"] is Int, "\(back.stdout)")
        #expect(runner.healthVersion().contains("\"version\":\"1.4.2\""))

        let after = runner.run(["releases", "--json"], config: config)
        let releases = try runner.json(after.stdout)
        #expect(releases["running_release"] as? String == "1.4.2" && releases["previous_release"] is NSNull, "\(after.stdout)")
        let noPrevious = runner.run(["rollback", "--confirm", "staging"], config: config)
        #expect(noPrevious.code == 2, "\(noPrevious.stderr)")
        #expect(noPrevious.stderr.contains("oldest"), "\(noPrevious.stderr)")
        let same = runner.run(["rollback", "1.4.2", "--confirm", "staging"], config: config)
        #expect(same.code == 2 && same.stderr.contains("already running"), "\(same.stderr)")

        let forward = runner.run(["rollback", "1.5.0", "--confirm", "staging"], config: config)
        #expect(forward.code == 0, "\(forward.stderr)")
        #expect(forward.stdout.contains("measured downtime"), "\(forward.stdout)")
        #expect(runner.healthVersion().contains("\"version\":\"1.5.0\""))
        let ends = runner.auditRecords().filter { $0.action == "rollback" && $0.phase == .end }
        #expect(ends.map(\.outcome) == [.ok, .refused, .refused, .ok])
        for end in ends where end.outcome == .ok {
            #expect(end.details["downtime_seconds"]?.double != nil && end.details["total_seconds"]?.double != nil,
                    "downtime and total are JSON numbers: \(end.details)")
            #expect(end.details["release"]?.string != nil)
        }
    }

    @Test("wrong or missing --confirm and unknown services are refused or rejected, and audited")
    func refusals() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let wrong = runner.run(["rollback", "1.4.2", "--confirm", "production"], config: config)
        #expect(wrong.code == 2 && wrong.stderr.contains("does not match"), "\(wrong.stderr)")
        let missing = runner.run(["rollback", "1.4.2"], config: config)
        #expect(missing.code == 2 && missing.stderr.contains("--confirm staging"), "\(missing.stderr)")
        let wrongRestart = runner.run(["restart", "api", "--confirm", "stagin"], config: config)
        #expect(wrongRestart.code == 2, "\(wrongRestart.stderr)")
        let records = runner.auditRecords()
        #expect(records.count == 3 && records.allSatisfy { $0.outcome == .refused && $0.phase == .end }, "\(records)")
        #expect(runner.healthVersion().contains("\"version\":\"1.5.0\""))

        let unknown = runner.run(["restart", "nosuch", "--yes"], config: config)
        #expect(unknown.code == 3)
        let lines = unknown.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("nosuch") && lines[0].contains("api"), "\(unknown.stderr)")
        let noFile = runner.run(["restore", "nosuch.sql.gz", "--confirm", "staging"], config: config)
        #expect(noFile.code == 3 && noFile.stderr.split(separator: "\n").count == 1, "\(noFile.stderr)")
        #expect(noFile.stderr.contains("nosuch.sql.gz") && noFile.stderr.contains(runner.backupDirectory), "\(noFile.stderr)")
        #expect(runner.auditRecords().count == 3)
    }

    @Test("a second action while the lock is held is refused with the holder's name")
    func lockHeld() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let alice = OperatorIdentity(user: "alice", host: "ops-1", pid: getpid())
        let lock = try ActionLock.acquire(stateDirectory: runner.stateDirectory, environment: "staging", action: "backup",
                                          identity: alice)
        defer { lock.release() }
        let result = runner.run(["restart", "api", "--yes"], config: config)
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stderr.contains("backup by alice@ops-1"), "\(result.stderr)")
        let records = runner.auditRecords()
        #expect(records.count == 1 && records.first?.outcome == .refused, "\(records)")
    }

    @Test("a protected environment refuses restart --yes without --confirm NAME, and runs it with it")
    func protectedEnvironment() throws {
        let runner = try headless()
        let config = try runner.writeConfig(protected: true)
        let refused = runner.run(["restart", "api", "--yes"], config: config)
        #expect(refused.code == 2 && refused.stderr.contains("protected"), "\(refused.stderr)")
        let confirmed = runner.run(["restart", "api", "--confirm", "staging", "--json"], config: config)
        #expect(confirmed.code == 0, "\(confirmed.stderr)")
        let report = try runner.json(confirmed.stdout)
        #expect(report["ok"] as? Bool == true && report["service"] as? String == "api")
        #expect(report["time_to_healthy_seconds"] != nil, "\(confirmed.stdout)")
        #expect(runner.auditRecords().compactMap(\.outcome) == [.refused, .ok])
    }

    @Test("backups --json lists a backup; restore FILE --confirm brings deleted rows back and lists the safety backup")
    func backupAndRestore() throws {
        let runner = try headless()
        let stack = runner.stack
        let config = try runner.writeConfig()
        let before = stack.adminQuery("SELECT count(*) FROM predictions")
        let backup = runner.run(["backup", "--yes"], config: config)
        #expect(backup.code == 0, "\(backup.stderr)")
        let listed = try runner.json(runner.run(["backups", "--json"], config: config).stdout)
        let entries = try #require(listed["backups"] as? [[String: Any]])
        let file = try #require(entries.first?["file"] as? String)
        #expect(entries.count == 1 && entries.first?["state"] as? String == "verified", "\(entries)")

        _ = stack.adminQuery("DELETE FROM predictions WHERE id IN (SELECT id FROM predictions ORDER BY id LIMIT 5)")
        defer {
            if stack.adminQuery("SELECT count(*) FROM predictions") != before {
                _ = runner.run(["restore", file, "--confirm", "staging"], config: config)
            }
        }
        #expect(stack.adminQuery("SELECT count(*) FROM predictions") != before)
        let restored = runner.run(["restore", file, "--confirm", "staging", "--json"], config: config, timeout: 300)
        #expect(restored.code == 0, "\(restored.stdout)\(restored.stderr)")
        #expect(stack.adminQuery("SELECT count(*) FROM predictions") == before)
        let report = try runner.json(restored.stdout)
        let safety = try #require(report["safety_backup"] as? String, "\(restored.stdout)")
        #expect(FileManager.default.fileExists(atPath: safety))
        #expect((report["rows_verified"] as? Int ?? 0) > 0, "\(restored.stdout)")
        #expect(restored.stderr.contains("taking the safety backup"), "progress on stderr: \(restored.stderr)")
        let after = runner.run(["backups"], config: config)
        #expect(after.stdout.contains(URL(fileURLWithPath: safety).lastPathComponent), "\(after.stdout)")
        #expect(!runner.auditText().contains(stack.password))
    }
}
}
