import Foundation
import Testing
@testable import TouchlineTestSupport

/// `backup --json` refused before it runs (a protected environment without `--confirm`): the object is on standard
/// output with the keys every action's object has, the reason on standard error, exit 2 — as restore, restart and
/// the rest do. No stack: the refusal comes before any connection.
@Suite("backup --json refused")
struct BackupRefusalJSONTests {
    @Test("a protected environment without --confirm: exit 2, the JSON object on standard output, one line on standard error")
    func refusedObject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backup-refusal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/config.toml"
        try """
            [environments.prod]
            protected = true

            [[environments.prod.probes]]
            name = "db"
            kind = "postgres"
            dsn = "host=127.0.0.1 port=1 dbname=app user=app"

            [environments.prod.backup]
            probe = "db"
            directory = "backups"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let result = ProcessRunner.runSeparately(binary, ["backup", "--config", config, "--json"],
                                                 environment: ProcessInfo.processInfo.environment, timeout: 10)
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stderr == "touchline backup: refused: prod is protected: pass --confirm prod to back up\n", "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(object["action"] as? String == "backup" && object["ok"] as? Bool == false && object["outcome"] as? String == "refused")
        #expect(object["message"] as? String == "refused: prod is protected: pass --confirm prod to back up", "\(object)")
    }
}
