import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// `touchline config snapshot|snapshots|diff|restore` as the built binary on files in a temporary folder (no stack):
/// the JSON shapes, the masked diff, a restore that works (exit 0), one whose apply command fails (exit 1, the
/// files stay restored), refusals (exit 2) and usage errors (exit 3).
@Suite("Headless config commands: shapes and exit codes")
struct ConfigHeadlessTests {
    private let root = NSTemporaryDirectory() + "touchline-config-headless-\(UUID().uuidString.prefix(8))"
    private static let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
    private static let envText = "API_RELEASE=1.5.0\r\nexport DB_PASSWORD=\"pw-sekrit-1\"\r\nDATABASE_URL=postgres://u:url-sekrit-1@db/app\r\n"
    private static let composeText = "services:\n  api:\n    environment:\n      - API_TOKEN=tok-sekrit-1\n      - WORKERS=2\n"

    private func writeConfig(apply: [String]) throws -> String {
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        try Self.envText.write(toFile: root + "/app.env", atomically: false, encoding: .utf8)
        try Self.composeText.write(toFile: root + "/conf/compose.yml", atomically: false, encoding: .utf8)
        chmod(root + "/app.env", 0o640)
        let config = root + "/config.toml"
        try """
            [environments.staging]
            state_dir = "state"
            [environments.staging.config_files]
            paths = ["app.env", "conf/compose.yml", "later.env"]
            apply_command = [\(apply.map { "\"\($0)\"" }.joined(separator: ", "))]
            [environments.other]
            state_dir = "state-other"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    private func touchline(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let run = ProcessRunner.runSeparately(Self.binary, arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": root], timeout: 60)
        return (run.code, run.stdout, run.stderr)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test("snapshot --json and snapshots --json share the shape; diff masked; restore exit 0 byte-identical; failing apply exit 1")
    func shapesAndExitCodes() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = try writeConfig(apply: ["sh", "apply.sh"])
        try "echo applying\ntest ! -e fail || { echo 'DB_PASSWORD=leak-1'; echo broke; exit 7; }\n"
            .write(toFile: root + "/apply.sh", atomically: false, encoding: .utf8)
        let taken = touchline(["config", "snapshot", "--config", config, "--json"])
        #expect(taken.code == 0, "\(taken.stderr)")
        let snapshot = try object(taken.stdout)
        let id = try #require(snapshot["id"] as? String)
        #expect(snapshot["taken_at"] is String && snapshot["trigger"] as? String == "manual" && snapshot["ok"] as? Bool == true)
        let files = try #require(snapshot["files"] as? [[String: Any]])
        #expect(files.map { $0["present"] as? Bool } == [true, true, false], "later.env recorded as missing")
        #expect(files.first?["mode"] as? String == "640" && (files.first?["sha256"] as? String)?.count == 64)
        #expect(snapshot["missing"] as? [String] == ["later.env"])
        #expect(touchline(["config", "snapshot", "--config", config]).stdout.hasPrefix("2"), "the plain form prints the id")

        let listed = touchline(["config", "snapshots", "--config", config, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 2 && list.last?["id"] as? String == id)
        #expect(Set(list.last?.keys.map { $0 } ?? []) == ["id", "taken_at", "trigger", "taken_by", "files"])

        try Self.envText.replacingOccurrences(of: "pw-sekrit-1", with: "pw-sekrit-2")
            .replacingOccurrences(of: "1.5.0", with: "1.6.0").write(toFile: root + "/app.env", atomically: false, encoding: .utf8)
        try Self.composeText.replacingOccurrences(of: "tok-sekrit-1", with: "tok-sekrit-2")
            .write(toFile: root + "/conf/compose.yml", atomically: false, encoding: .utf8)
        try "LATER=1\n".write(toFile: root + "/later.env", atomically: false, encoding: .utf8)
        let diff = touchline(["config", "diff", id, "--config", config])
        #expect(diff.code == 0)
        #expect(diff.stdout.contains("+export DB_PASSWORD=***(changed)\r") && diff.stdout.contains("+      - API_TOKEN=***(changed)"), "\(diff.stdout)")
        #expect(diff.stdout.contains(" DATABASE_URL=postgres://u:***@db/app") && diff.stdout.contains("+API_RELEASE=1.6.0"))
        #expect(diff.stdout.contains("later.env: missing in the snapshot, present now: a restore leaves it as it is"))
        #expect(!diff.stdout.contains("sekrit"), "no secret value in the diff")
        let text = touchline(["config", "snapshots", "--config", config]).stdout
        #expect(text.contains("app.env (+2 −2)"), "\(text)")

        #expect(touchline(["config", "restore", id, "--config", config]).code == 2, "no --confirm: refused")
        #expect(touchline(["config", "restore", id, "--config", config, "--confirm", "other"]).code == 2, "wrong name: refused")
        #expect(touchline(["config", "restore", "nope", "--config", config, "--confirm", "staging"]).code == 3, "no such snapshot")
        #expect(touchline(["config", "snapshots", "--config", config, "--env", "other"]).code == 3, "no config_files table")
        #expect(touchline(["config", "restore", "--config", config]).code == 3, "no SNAPSHOT")

        let restored = touchline(["config", "restore", id, "--config", config, "--confirm", "staging", "--json"])
        #expect(restored.code == 0, "\(restored.stderr)")
        let report = try object(restored.stdout)
        #expect(report["snapshot"] as? String == id && report["safety_snapshot"] is String && report["files_verified"] as? Int == 2)
        #expect(report["changed_files"] as? [String] == ["app.env", "conf/compose.yml"] && report["apply_exit"] as? Int == 0)
        #expect(try String(contentsOfFile: root + "/app.env", encoding: .utf8) == Self.envText, "byte-identical")
        #expect(try String(contentsOfFile: root + "/conf/compose.yml", encoding: .utf8) == Self.composeText)
        #expect(FileManager.default.fileExists(atPath: root + "/later.env"), "a file the snapshot recorded as missing is not deleted")

        try "x".write(toFile: root + "/fail", atomically: false, encoding: .utf8)
        try "API_RELEASE=broken\n".write(toFile: root + "/app.env", atomically: false, encoding: .utf8)
        let failed = touchline(["config", "restore", id, "--config", config, "--confirm", "staging"])
        #expect(failed.code == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("apply_command failed") && failed.stderr.contains("exited 7"), "\(failed.stderr)")
        #expect(failed.stderr.contains("DB_PASSWORD=*** | broke") && !failed.stderr.contains("leak-1"), "its output, masked: \(failed.stderr)")
        #expect(try String(contentsOfFile: root + "/app.env", encoding: .utf8) == Self.envText, "the files stay restored")
        let audit = try String(contentsOfFile: root + "/state/audit.jsonl", encoding: .utf8)
        #expect(!audit.contains("sekrit") && !audit.contains("leak-1"), "no secret in the audit log")
        let end = AuditLog(stateDirectory: root + "/state").recent(limit: 30).first { $0.action == "config-restore" && $0.phase == .end }
        #expect(end?.outcome == .failed && end?.details["apply_exit"] == .integer(7), "\(String(describing: end))")
    }

    @Test("a damaged snapshot: restore refused (2, audited, nothing touched), diff failed (1), listed with its error")
    func damagedSnapshot() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = try writeConfig(apply: ["true"])
        let id = try #require(touchline(["config", "snapshot", "--config", config]).stdout.split(whereSeparator: \.isNewline).last.map(String.init))
        let stored = root + "/state/config-snapshots/\(id)/files/1-app.env"
        try "tampered\n".write(toFile: stored, atomically: false, encoding: .utf8)
        try "API_RELEASE=edited\n".write(toFile: root + "/app.env", atomically: false, encoding: .utf8)

        let restore = touchline(["config", "restore", id, "--config", config, "--confirm", "staging"])
        #expect(restore.code == 2 && restore.stderr.contains("the snapshot is damaged"), "\(restore.code) \(restore.stderr)")
        // One prefix: `touchline config restore: refused: snapshot …`, never `…: config restore refused: …`
        #expect(restore.stderr.split(separator: "\n").last?.hasPrefix("touchline config restore: refused: snapshot \(id): ") == true,
                "\(restore.stderr)")
        let json = touchline(["config", "restore", id, "--config", config, "--confirm", "staging", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["message"] as? String)?.hasPrefix("refused: snapshot \(id): ") == true, "\(json.stdout)")
        #expect(try String(contentsOfFile: root + "/app.env", encoding: .utf8) == "API_RELEASE=edited\n", "nothing touched")
        let end = AuditLog(stateDirectory: root + "/state").recent(limit: 10).first { $0.action == "config-restore" }
        #expect(end?.outcome == .refused && end?.error?.contains("damaged") == true, "\(String(describing: end))")
        let diff = touchline(["config", "diff", id, "--config", config])
        #expect(diff.code == 1 && diff.stderr.contains("damaged"), "\(diff.code) \(diff.stderr)")
        #expect(touchline(["config", "snapshots", "--config", config]).stdout.contains("cannot compare: snapshot \(id)"))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(touchline(["config", "snapshots", "--config", config, "--json"]).stdout.utf8))
                                as? [[String: Any]])
        #expect((list.first?["error"] as? String)?.contains("damaged") == true)
    }
}
