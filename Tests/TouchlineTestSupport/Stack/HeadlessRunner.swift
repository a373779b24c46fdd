import Foundation
import Testing
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// Runs the built `touchline` binary against the shared stack with a state folder and backup folder of its own.
struct HeadlessRunner {
    let stack: TestStack
    let root: String

    init(stack: TestStack) {
        self.stack = stack
        root = "\(stack.directory)/headless-\(UUID().uuidString.prefix(8))"
    }

    var stateDirectory: String { root + "/state" }
    var backupDirectory: String { root + "/backups" }

    /// Writes the stack's config with this case's folders (and `protected = true` when asked); returns its path.
    func writeConfig(protected: Bool = false) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var text = stack.configText()
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(stateDirectory)\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(backupDirectory)\"")
        if protected { text = text.replacingOccurrences(of: "label = \"STAGING\"", with: "label = \"STAGING\"\nprotected = true") }
        let path = root + "/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `touchline ARGS --config CONFIG` with standard input not a terminal.
    func run(_ arguments: [String], config: String, timeout: Double = 120)
        -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        return ProcessRunner.runSeparately(binary, arguments + ["--config", config], environment: stack.environment,
                                           timeout: timeout)
    }

    /// The audit log of this case's state folder, oldest first.
    func auditRecords() -> [AuditRecord] {
        AuditLog(stateDirectory: stateDirectory).recent(limit: 1000).reversed()
    }

    /// The whole audit log text.
    func auditText() -> String {
        (try? String(contentsOfFile: stateDirectory + "/audit.jsonl", encoding: .utf8)) ?? ""
    }

    /// The body of GET /health, fetched with curl.
    func healthVersion() -> String {
        ProcessRunner.run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(stack.apiPort)/health"],
                          environment: stack.environment, timeout: 5).1
    }

    /// `text` parsed as one JSON object.
    func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "\(text)")
    }
}
