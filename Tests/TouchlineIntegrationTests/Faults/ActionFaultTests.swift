import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The headless actions while things go wrong around them: the database down for a restore, a rollback
/// command that hangs past its timeout, two touchline processes racing for the lock, and the disk filling
/// up during a backup. Nothing partial is left, the lock ends free, and the audit log tells the truth.
extension RealStackSuite {
@Suite("Faults: actions", .serialized)
struct ActionFaultTests {
    /// This case's folders and a config for them, with `extraTables` appended and the rollback command
    /// replaced when `rollbackCommand` is given.
    private func setUp(_ stack: TestStack, extraTables: String = "",
                       rollbackCommand: String? = nil) throws -> (runner: HeadlessRunner, config: String) {
        let runner = HeadlessRunner(stack: stack)
        try FileManager.default.createDirectory(atPath: runner.root, withIntermediateDirectories: true)
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        var text = stack.configText(extraProbes: extraTables)
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(runner.stateDirectory)\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(runner.backupDirectory)\"")
        if let rollbackCommand {
            text = text.replacingOccurrences(of: "command = [\"\(script)\", \"rollback\", \"{release}\"]", with: rollbackCommand)
        }
        let path = runner.root + "/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (runner, path)
    }

    private func backupFiles(_ runner: HeadlessRunner) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: runner.backupDirectory)) ?? []).sorted()
    }

    @Test("restore with PostgreSQL stopped: refused up front (exit 2, unreachable named), no safety backup, audited refused, lock free")
    func restoreWithDatabaseDown() throws {
        let stack = try FaultSupport.stack()
        let (runner, config) = try setUp(stack)
        let backup = runner.run(["backup", "--yes", "--json"], config: config)
        #expect(backup.code == 0, "\(backup.stderr)")
        let file = try #require(backupFiles(runner).first { $0.hasSuffix(".sql.gz") })
        let before = backupFiles(runner)

        #expect(stack.run(["stop", "postgres"]).0 == 0)
        defer { stack.run(["start", "postgres"]) }
        let restore = runner.run(["restore", file, "--confirm", "staging"], config: config, timeout: 60)
        #expect(restore.code == 2, "\(restore.stdout)\(restore.stderr)")
        #expect(restore.stderr.contains("unreachable"), "\(restore.stderr)")
        #expect(restore.seconds < 15, "took \(restore.seconds) s")
        #expect(backupFiles(runner) == before, "something was written: \(backupFiles(runner))")
        let last = try #require(runner.auditRecords().last)
        #expect(last.action == "restore" && last.phase == .end && last.outcome == .refused, "\(last)")
        #expect(ActionLock.holder(stateDirectory: runner.stateDirectory) == nil)
        #expect(!runner.auditText().contains(stack.password))

        #expect(stack.run(["start", "postgres"]).0 == 0)
        #expect(FaultSupport.waitUntil(seconds: 10) { (try? FaultSupport.check(stack).code) == 0 }, "the stack did not come back")
    }

    @Test("a rollback command hanging past its 2 s timeout: its process group killed, exit 1, audited failed 'timed out', the lock free")
    func rollbackHangs() throws {
        let stack = try FaultSupport.stack()
        let sleeper = "sleep 30.\(Int.random(in: 100...999))"
        let (runner, config) = try setUp(stack, extraTables: """
            [environments.staging.restart.redis]
            command = ["true"]
            wait_healthy = "10s"
            """, rollbackCommand: "command = [\"sh\", \"-c\", \"\(sleeper)\", \"sh\", \"{release}\"]\ntimeout = \"2s\"")
        defer { _ = ProcessRunner.run("/usr/bin/pkill", ["-f", sleeper], environment: [:], timeout: 5) }
        let rollback = runner.run(["rollback", "1.4.2", "--confirm", "staging"], config: config, timeout: 40)
        #expect(rollback.code == 1, "\(rollback.stdout)\(rollback.stderr)")
        #expect(rollback.seconds < 8, "took \(rollback.seconds) s against a 2 s timeout")
        #expect((rollback.stdout + rollback.stderr).contains("timed out"), "\(rollback.stdout)\(rollback.stderr)")
        #expect(!FaultSupport.processRunning(sleeper), "the hung command outlived its timeout")
        let end = try #require(runner.auditRecords().last { $0.action == "rollback" && $0.phase == .end })
        #expect(end.outcome == .failed, "\(end)")
        #expect((end.error ?? "").contains("timed out"), "\(end)")
        #expect(ActionLock.holder(stateDirectory: runner.stateDirectory) == nil)
        #expect(runner.healthVersion().contains("\"version\":\"1.5.0\""))

        let next = runner.run(["restart", "redis", "--yes"], config: config, timeout: 30)
        #expect(next.code == 0, "the next action was refused: \(next.stderr)")
    }

    @Test("two touchline processes start the same restart at once: exactly one runs, the other exits 2 naming the holder; audit: one ok, one refused")
    func lockRace() throws {
        let stack = try FaultSupport.stack()
        let (runner, config) = try setUp(stack, extraTables: """
            [environments.staging.restart.redis]
            command = ["sh", "-c", "sleep 1"]
            wait_healthy = "10s"
            """)
        let results = RaceResults()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, runner.run(["restart", "redis", "--yes"], config: config, timeout: 30))
        }
        let all = results.all
        #expect(all.map(\.code).sorted() == [0, 2], "\(all.map { "\($0.code): \($0.stderr)" })")
        let loser = try #require(all.first { $0.code == 2 })
        #expect(loser.stderr.contains("another action is running on staging: restart redis by "), "the refusal does not name the holder: \(loser.stderr)")
        let ends = runner.auditRecords().filter { $0.phase == .end }
        #expect(ends.compactMap(\.outcome).map(\.rawValue).sorted() == ["ok", "refused"], "\(ends)")
        #expect(ActionLock.holder(stateDirectory: runner.stateDirectory) == nil)
    }

    @Test("the disk fills up during a backup (a small tmpfs): failed with 'No space left on device', no partial file, the lock free",
          .enabled(if: FaultSupport.canMountTmpfs, "mounting a tmpfs is not allowed here"))
    func diskFull() throws {
        let stack = try FaultSupport.stack()
        let (runner, config) = try setUp(stack)
        let probe = runner.run(["backup", "--yes", "--json"], config: config)
        #expect(probe.code == 0, "\(probe.stderr)")
        let size = try #require(backupFiles(runner).compactMap { name -> Int? in
            guard name.hasSuffix(".sql.gz") else { return nil }
            return (try? FileManager.default.attributesOfItem(atPath: "\(runner.backupDirectory)/\(name)")[.size] as? Int) ?? nil
        }.first)
        try FileManager.default.removeItem(atPath: runner.backupDirectory)
        try FileManager.default.createDirectory(atPath: runner.backupDirectory, withIntermediateDirectories: true)
        let limit = max(4096, size / 2 / 4096 * 4096)
        let mount = ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(limit)", "tmpfs", runner.backupDirectory],
                                      environment: [:], timeout: 10)
        try #require(mount.0 == 0, "mount failed: \(mount.1)")
        defer { _ = ProcessRunner.run("/bin/umount", ["-l", runner.backupDirectory], environment: [:], timeout: 10) }

        let backup = runner.run(["backup", "--yes"], config: config, timeout: 60)
        #expect(backup.code == 1, "\(backup.stdout)\(backup.stderr)")
        #expect((backup.stdout + backup.stderr).contains("No space left on device"), "\(backup.stdout)\(backup.stderr)")
        let left = backupFiles(runner).filter { $0 != "manifest.json" }
        #expect(left.isEmpty, "a partial file was left: \(left)")
        let end = try #require(runner.auditRecords().last { $0.action == "backup" && $0.phase == .end })
        #expect(end.outcome == .failed && (end.error ?? "").contains("No space left on device"), "\(end)")
        #expect(ActionLock.holder(stateDirectory: runner.stateDirectory) == nil)
    }
}
}
