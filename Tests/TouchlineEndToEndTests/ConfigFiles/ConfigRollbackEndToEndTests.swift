import Foundation
import Testing
@testable import TouchlineTestSupport

/// The configuration rollback as an operator runs it, on the stack's own settings file (`api/current.env`,
/// which holds the database password in a URL): a headless snapshot, an edit, then the dashboard in tmux —
/// `C` (the drift warning, the snapshot), Enter (the diff, password masked), Esc, `R` (the dialog), the
/// environment's name typed — and the file back byte for byte after `scripts/stack restart api` and the probe.
/// Then the headless commands' exit codes and JSON.
extension RealStackSuite {
@Suite("Config rollback end to end", .serialized)
struct ConfigRollbackEndToEndTests {
    private static let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// A config for the stack listing its current.env, with a state folder of its own.
    private func writeConfig(_ stack: TestStack) throws -> String {
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let root = "\(stack.directory)/configrb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let text = stack.configText().replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"",
                                                           with: "state_dir = \"\(root)/state\"") + """

            [environments.staging.config_files]
            paths = ["\(stack.directory)/api/current.env"]
            apply_command = ["\(script)", "restart", "api"]
            probe = "api"
            wait_healthy = "30s"
            """
        let path = "\(root)/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func touchline(_ stack: TestStack, _ arguments: [String]) -> (Int32, String) {
        ProcessRunner.run(Self.binary, arguments, environment: stack.environment, timeout: 120)
    }

    @Test("C → Enter → Esc → R in tmux restores the stack's settings file; headless snapshot, snapshots --json, diff, restore exit codes",
          .timeLimit(.minutes(3)))
    func dashboardAndHeadless() throws {
        let stack = try TestStack.shared.get()
        let config = try writeConfig(stack)
        let settingsPath = "\(stack.directory)/api/current.env"
        let original = try String(contentsOfFile: settingsPath, encoding: .utf8)
        #expect(original.contains(stack.password), "the stack's settings hold the database password (in DATABASE_URL)")
        defer {
            try? original.write(toFile: settingsPath, atomically: false, encoding: .utf8)
            stack.waitUntilAPISteady()
        }

        let (snapshotCode, snapshotOutput) = touchline(stack, ["config", "snapshot", "--config", config])
        #expect(snapshotCode == 0, "\(snapshotOutput)")
        let id = try #require(snapshotOutput.split(whereSeparator: \.isNewline).last.map(String.init))
        try (original.replacingOccurrences(of: "API_RELEASE=", with: "API_RELEASE=edited-") + "FEATURE_Y=on\n")
            .write(toFile: settingsPath, atomically: false, encoding: .utf8)

        // Headless: the list as JSON, the masked diff, a restore without --confirm refused, an unknown snapshot a usage error.
        let (listCode, listJSON) = touchline(stack, ["config", "snapshots", "--config", config, "--json"])
        #expect(listCode == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listJSON.utf8)) as? [[String: Any]])
        #expect(list.first?["id"] as? String == id && list.first?["trigger"] as? String == "manual")
        #expect(list.first?["taken_at"] is String && (list.first?["files"] as? [[String: Any]])?.count == 1)
        let (diffCode, diff) = touchline(stack, ["config", "diff", id, "--config", config])
        #expect(diffCode == 0 && diff.contains("+FEATURE_Y=on") && diff.contains("+API_RELEASE=edited-"), "\(diff)")
        #expect(!diff.contains(stack.password), "the URL password is masked")
        #expect(touchline(stack, ["config", "restore", id, "--config", config]).0 == 2, "no --confirm: refused")
        #expect(touchline(stack, ["config", "restore", "nope", "--config", config, "--confirm", "staging"]).0 == 3)

        let session = try TmuxSession(command: "\(Self.binary) --config \(config); sleep 60", width: 120, height: 40,
                                      environment: stack.environment)
        #expect(session.waitFor(seconds: 15) { $0.contains("config drift") }.matched, "the header warns of the unrecorded edit")
        session.send("C")
        let list2 = session.waitFor(seconds: 10) { $0.contains("Config snapshots") && $0.contains("manual") }
        #expect(list2.matched, "\(list2.screen)")
        session.send("Enter")
        let diffScreen = session.waitFor(seconds: 10) { $0.contains("Config diff") && $0.contains("+FEATURE_Y=on") }
        #expect(diffScreen.matched, "\(diffScreen.screen)")
        #expect(!diffScreen.screen.contains(stack.password))
        session.send("Escape")
        #expect(session.waitFor(seconds: 5) { $0.contains("Config snapshots") && !$0.contains("Config diff") }.matched)
        session.send("R")
        let dialog = session.waitFor(seconds: 5) { $0.contains("config-restore") && $0.contains("restart api") }
        #expect(dialog.matched, "\(dialog.screen)")
        session.send("s", "t", "a", "g", "i", "n", "g", "Enter")
        let done = session.waitFor(seconds: 60) { $0.contains("✔ config-restore") }
        #expect(done.matched, "\(done.screen)")
        #expect(try String(contentsOfFile: settingsPath, encoding: .utf8) == original, "byte for byte")
        #expect(session.waitFor(seconds: 20) { !$0.contains("config drift") }.matched, "the restore recorded the change")
        session.send("q")
    }
}
}
