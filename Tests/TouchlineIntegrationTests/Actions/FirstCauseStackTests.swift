import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// When one step fails and takes later ones down with it, the first failure is what is reported — in the
/// result, the audit record and the output — against the real PostgreSQL of `scripts/stack`.
extension RealStackSuite {
@Suite("First causes against the stack", .serialized)
struct FirstCauseStackTests {
    private static let permissionDenied = "counting rows of public.zz_private: permission denied for table zz_private"

    private func support() throws -> BackupTestSupport {
        switch TestStack.shared {
        case .success(let stack):
            let support = BackupTestSupport(stack: stack)
            try support.waitForPostgres()
            return support
        case .failure(let error): throw error
        }
    }

    /// Creates `public.zz_private` as the superuser, unreadable by the backup role, for the length of `body`.
    private func withPrivateTable<T>(_ support: BackupTestSupport, _ body: () throws -> T) throws -> T {
        let made = support.query("""
            CREATE TABLE public.zz_private (id int); INSERT INTO public.zz_private VALUES (1);
            REVOKE ALL ON public.zz_private FROM football_staging_user; SELECT 'made'
            """)
        #expect(made.hasSuffix("made"), "\(made)")
        defer { _ = support.query("DROP TABLE IF EXISTS public.zz_private") }
        return try body()
    }

    private var binary: String { TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path }

    @Test("a table the backup role may not read: the row count's own failure, not the dump's lost snapshot")
    func unreadableTable() throws {
        let support = try support()
        try withPrivateTable(support) {
            for _ in 0..<3 {
                let result = try support.action().run()
                #expect(result == .failed(reason: Self.permissionDenied), "\(result)")
                #expect(result.message == "backup failed: \(Self.permissionDenied)")
                let end = try #require(support.auditRecords().last)
                #expect(end.outcome == .failed && end.error == Self.permissionDenied, "\(end.error ?? "")")
            }
            #expect(support.files().isEmpty, "no partial file left")

            let runner = HeadlessRunner(stack: support.stack)
            let config = try runner.writeConfig()
            let headless = runner.run(["backup", "--yes"], config: config)
            #expect(headless.code == 1)
            #expect(headless.stdout.isEmpty, "what was not done goes to standard error: \(headless.stdout)")
            #expect(headless.stderr.split(separator: "\n").last == "touchline backup: failed: \(Self.permissionDenied)",
                    "\(headless.stderr)")
            #expect(!(headless.stdout + headless.stderr).contains("could not import"))
            #expect(runner.auditRecords().last?.error == Self.permissionDenied)
        }
    }

    @Test("a restore whose safety backup cannot read a table: that cause, first, and the database untouched")
    func restoreSafetyBackup() throws {
        let support = try support()
        let backup = try #require(try support.action().run().report)
        let (environment, config) = try support.environment()
        let restore = RestoreAction(environment: environment, config: config, processEnvironment: support.stack.environment,
                                    identity: OperatorIdentity(user: "first-cause", host: "test-host", pid: getpid()))
        let (ok, message) = try withPrivateTable(support) { restore.run(file: backup.record.file) }
        #expect(!ok)
        #expect(message == "restore of \(backup.record.file) not done: safety backup failed: \(Self.permissionDenied); "
                + "the database was not touched", "\(message)")
        #expect(ActionSummary.line(action: "restore \(backup.record.file)", ok: false, message: message)
                == "restore \(backup.record.file) failed: \(message)")
    }

    @Test("nobody listening: the reason first, no doubled prefix — result, audit, headless output and the dashboard line")
    func connectionRefused() throws {
        let support = try support()
        let port = TestStack.freePort()
        let result = try support.action(port: port).run()
        let reason = try #require(result.reason)
        #expect(reason.hasPrefix("Connection refused (connecting to 127.0.0.1 port \(port); Is the server running"), "\(reason)")
        #expect(support.auditRecords().last?.error == reason)
        let line = ActionSummary.line(action: BackupAction.name, ok: false, message: result.message)
        #expect(line == "backup failed: \(reason)")
        #expect(String(line.prefix(60)).contains("Connection refused"), "the reason survives an 80-column row")

        let runner = HeadlessRunner(stack: support.stack)
        let config = try runner.writeConfig()
        let done = runner.run(["backup", "--yes", "--json"], config: config)
        let doneObject = try runner.json(done.stdout)
        #expect(done.code == 0 && doneObject["action"] as? String == "backup" && doneObject["ok"] as? Bool == true
                && (doneObject["message"] as? String)?.hasPrefix("backup written and verified: ") == true, "\(done.stdout)")
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "port=\(support.stack.postgresPort)", with: "port=\(port)")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let headless = runner.run(["backup", "--yes"], config: config)
        #expect(headless.code == 1)
        #expect(headless.stdout.isEmpty, "\(headless.stdout)")
        #expect(headless.stderr.split(separator: "\n").last?.hasPrefix("touchline backup: failed: Connection refused (connecting to 127.0.0.1 port \(port)") == true,
                "\(headless.stderr)")
        // --json: `outcome` says it failed, `error` holds the cause (as the audit's error), not `backup failed: …`
        let json = runner.run(["backup", "--yes", "--json"], config: config)
        #expect(json.code == 1)
        let object = try runner.json(json.stdout)
        #expect(object["outcome"] as? String == "failed" && object["error"] as? String == runner.auditRecords().last?.error, "\(json.stdout)")
        #expect((object["error"] as? String)?.hasPrefix("Connection refused (connecting to 127.0.0.1 port \(port)") == true, "\(json.stdout)")
        #expect(object["action"] as? String == "backup" && object["ok"] as? Bool == false
                && object["message"] as? String == "failed: \(object["error"] as? String ?? "?")", "the keys every action's object has: \(json.stdout)")
        let restore = runner.run(["restore", "football_prediction_staging_20000101_000000.sql.gz", "--confirm", "staging"], config: config)
        for output in [headless.stdout, headless.stderr, restore.stdout, restore.stderr, runner.auditText()] {
            #expect(!output.contains("backup failed: backup failed") && !output.contains("cannot connect to the database: connection to"),
                    "\(output)")
        }
    }

    @Test("no password supplied: said first, in the result, the audit and the headless output")
    func noPassword() throws {
        let support = try support()
        let result = try support.action(password: "").run()
        let reason = try #require(result.reason)
        #expect(reason == "no password supplied (connecting to 127.0.0.1 port \(support.stack.postgresPort))", "\(reason)")
        #expect(support.auditRecords().last?.error == reason)

        let runner = HeadlessRunner(stack: support.stack)
        let config = try runner.writeConfig()
        var environment = support.stack.environment
        environment.removeValue(forKey: "STAGING_DB_PASSWORD")
        environment.removeValue(forKey: "PGPASSWORD")
        let headless = ProcessRunner.runSeparately(binary, ["backup", "--yes", "--config", config], environment: environment, timeout: 60)
        #expect(headless.code == 1)
        #expect(headless.stdout.isEmpty, "\(headless.stdout)")
        #expect(headless.stderr.split(separator: "\n").last.map(String.init) == "touchline backup: failed: \(reason)", "\(headless.stderr)")
    }

    @Test("a restore into an unreachable database: refused with psql's reason first")
    func restoreUnreachable() throws {
        let support = try support()
        let backup = try #require(try support.action().run().report)
        let port = TestStack.freePort()
        let (environment, config) = try support.environment(port: port)
        let restore = RestoreAction(environment: environment, config: config, processEnvironment: support.stack.environment,
                                    identity: OperatorIdentity(user: "first-cause", host: "test-host", pid: getpid()))
        let (ok, message) = restore.run(file: backup.record.file)
        #expect(!ok)
        #expect(message.hasPrefix("restore refused: the database is unreachable: Connection refused (connecting to 127.0.0.1 port \(port)"),
                "\(message)")
        // Headless: one prefix, `touchline restore: refused: the database is unreachable: …`
        let runner = HeadlessRunner(stack: support.stack)
        let configFile = try runner.writeConfig()
        let backupsText = try String(contentsOfFile: configFile, encoding: .utf8)
            .replacingOccurrences(of: "port=\(support.stack.postgresPort)", with: "port=\(port)")
        try backupsText.write(toFile: configFile, atomically: true, encoding: .utf8)
        let stray = runner.run(["restore", "stray.sql.gz", "--confirm", "staging"], config: configFile)
        #expect(stray.code == 3, "no such file: \(stray.stderr)")
        try FileManager.default.createDirectory(atPath: runner.backupDirectory, withIntermediateDirectories: true)
        try "junk".write(toFile: runner.backupDirectory + "/stray.sql.gz", atomically: true, encoding: .utf8)
        let headless = runner.run(["restore", "stray.sql.gz", "--confirm", "staging"], config: configFile)
        #expect(headless.code == 2, "\(headless.stderr)")
        #expect(headless.stderr.split(separator: "\n").last?.hasPrefix("touchline restore: refused: ") == true, "\(headless.stderr)")
        #expect(!headless.stderr.contains("restore refused"), "\(headless.stderr)")
    }
}
}
