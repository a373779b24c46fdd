import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// Headless `touchline config restore` gives up on a cancelled restore that does not end, as every headless
/// action does: SIGINT while it waits for a probe whose one check hangs (a listener that never answers, the
/// probe's timeout 60 s) — 15 s later one `cancelled` end record with the state left (the files restored and
/// verified), standard error says so, exit 1. No stack needed: the binary, a temporary folder and a listener.
@Suite("Headless config restore: the 15 s give-up after a cancel")
struct ConfigRestoreGiveUpTests {
    private let root = NSTemporaryDirectory() + "touchline-configrb-giveup-\(UUID().uuidString.prefix(8))"
    private static let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    @Test("SIGINT while the probe check hangs: 15 s later one cancelled end record naming the files restored, exit 1",
          .timeLimit(.minutes(2)))
    func givesUpAfterTheGrace() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let listener = try LocalListener(.silent)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let settings = root + "/app.env"
        let original = "API_RELEASE=1.5.0\nDB_PASSWORD=giveup-secret-1\n"
        try original.write(toFile: settings, atomically: false, encoding: .utf8)
        let config = root + "/config.toml"
        try """
            [environments.staging]
            state_dir = "\(root)/state"
            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:\(listener.port)/health"
            timeout = "60s"
            [environments.staging.config_files]
            paths = ["app.env"]
            apply_command = ["true"]
            probe = "api"
            wait_healthy = "90s"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": root]
        let snapshot = ProcessRunner.runSeparately(Self.binary, ["config", "snapshot", "--config", config], environment: environment,
                                                   timeout: 30)
        let id = try #require(snapshot.stdout.split(whereSeparator: \.isNewline).last.map(String.init), "\(snapshot.stderr)")
        try original.replacingOccurrences(of: "1.5.0", with: "1.6.0").write(toFile: settings, atomically: false, encoding: .utf8)

        let run = try SignalledProcess([Self.binary, "config", "restore", id, "--config", config, "--confirm", "staging"],
                                       stderrPath: root + "/restore.stderr", environment: environment)
        #expect(FaultSupport.waitUntil(seconds: 20) { run.stderr.contains("waiting for api to be up") }, "\(run.stderr)")
        run.signal(SIGINT)
        let signalled = Date()
        #expect(run.exitCode(within: 40) == 1, "\(run.stderr)")
        let waited = Date().timeIntervalSince(signalled)
        #expect(waited >= 14 && waited < 30, "gave up after \(waited) s")
        #expect(run.stderr.contains("touchline config restore: the action did not end within 15 s of the cancel; giving up on it"),
                "\(run.stderr)")
        #expect(try String(contentsOfFile: settings, encoding: .utf8) == original, "the files stay restored")

        let records = AuditLog(stateDirectory: root + "/state").recent(limit: 20).filter { $0.action == "config-restore" }
        #expect(records.map(\.phase) == [.end, .start], "one start, one end: \(records.map(\.phase))")
        let end = try #require(records.first)
        #expect(end.outcome == .cancelled)
        let state = "the config files were restored from \(id) and verified, apply_command done; waiting for api to be up"
        #expect(end.error == "gave up waiting 15 s after the cancel; \(state)", "\(end.error ?? "")")
        #expect(end.details["state_left"] == .string(state))
        let audit = try String(contentsOfFile: AuditLog(stateDirectory: root + "/state").path, encoding: .utf8)
        #expect(!audit.contains("giveup-secret"), "no secret in the audit log")
    }
}
