import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

extension RealStackSuite {
/// A cancel never cancels the recovery: `touchline rehearse` against the stack, sent SIGINT once the load
/// test has started (after the deploy). The first signal stops the forward work and the rollback to the
/// original release still runs, audited and reported; a second signal during that rollback stops it, and
/// the report and the audit say which release was left running.
@Suite("Rehearsal: a cancel never cancels the recovery", .serialized)
struct RehearsalCancelTests {
    /// A state folder, a backup folder and a config with a rehearsal table of its own (a long load test, so
    /// the signal lands in it); `slowRollback` puts a 6 s sleep before the rollback command.
    private func setUp(_ stack: TestStack, slowRollback: Bool) throws -> (config: String, root: String, release: String) {
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let root = "\(stack.directory)/rehearsal-cancel-\(UUID().uuidString.prefix(8))"
        let release = "9.8.\(Int.random(in: 1...999))"
        var text = stack.configText()
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(root)/state\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(root)/backups\"")
        if slowRollback {
            text = text.replacingOccurrences(
                of: "command = [\"\(script)\", \"rollback\", \"{release}\"]",
                with: "command = [\"sh\", \"-c\", \"echo rollback to $1 in 6 s; sleep 6; exec \(script) rollback $1\", \"sh\", \"{release}\"]")
        }
        text += """

            [environments.staging.rehearsal]
            deploy_command = ["\(script)", "deploy", "{release}"]
            release = "\(release)"
            wait_healthy = "30s"

            [environments.staging.rehearsal.load]
            concurrency = 2
            duration = "60s"

            [environments.staging.config_files]
            paths = ["\(stack.directory)/api/current.env"]
            apply_command = ["\(script)", "restart", "api"]
            probe = "api"
            wait_healthy = "30s"
            """
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try text.write(toFile: root + "/config.toml", atomically: true, encoding: .utf8)
        return (root + "/config.toml", root, release)
    }

    /// The version /health reports, asked with curl.
    private func healthVersion(_ stack: TestStack) -> String? {
        let body = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-m", "5", "http://127.0.0.1:\(stack.apiPort)/health"],
                                     environment: stack.environment, timeout: 10).1
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["version"] as? String
    }

    private func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func step(_ report: [String: Any], _ number: Int) -> [String: Any] {
        (report["steps"] as? [[String: Any]])?.first { $0["number"] as? Int == number } ?? [:]
    }

    @Test("SIGINT during the load test: the rollback still runs, the API is back on the original release, reported and audited; exit 1",
          .timeLimit(.minutes(3)))
    func signalRollsBack() throws {
        let stack = try FaultSupport.stack()
        let original = try #require(healthVersion(stack))
        let setup = try setUp(stack, slowRollback: false)
        let settingsPath = "\(stack.directory)/api/current.env"
        let settings = try String(contentsOfFile: settingsPath, encoding: .utf8)
        defer { try? settings.write(toFile: settingsPath, atomically: false, encoding: .utf8) }
        let run = try SignalledProcess([FaultSupport.binary, "rehearse", "--config", setup.config, "--env", "staging",
                                         "--report", setup.root + "/report"], stderrPath: setup.root + "/report.stderr",
                                        environment: stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 90) { run.stderr.contains("Load test started") }, "\(run.stderr)")
        #expect(healthVersion(stack) == setup.release, "the deploy did not reach \(setup.release)")
        run.signal(SIGINT)
        let code = run.exitCode(within: 90)
        defer { if healthVersion(stack) != original { stack.run(["rollback", original]) } }
        #expect(code == 1, "exit \(String(describing: code)); stderr:\n\(run.stderr)")
        #expect(healthVersion(stack) == original, "the application was left on \(healthVersion(stack) ?? "?")")
        #expect(run.stderr.contains("compensating: rolling back to \(original)"), "\(run.stderr)")

        let report = try json(setup.root + "/report.json")
        #expect(step(report, 5)["state"] as? String == "failed")
        #expect((step(report, 5)["summary"] as? String)?.contains("cancelled: interrupted by signal 2") == true)
        #expect(step(report, 6)["state"] as? String == "passed", "\(step(report, 6))")
        #expect((step(report, 6)["summary"] as? String)?.hasPrefix("automatic") == true)
        // The configuration rollback compensates too: the deploy's settings file back, by sha256.
        #expect(step(report, 7)["state"] as? String == "passed", "\(step(report, 7))")
        #expect((step(report, 7)["summary"] as? String)?.hasPrefix("automatic: config files back to") == true, "\(step(report, 7))")
        #expect(try String(contentsOfFile: settingsPath, encoding: .utf8) == settings, "current.env back byte for byte")
        #expect(report["cancelled"] as? String == "interrupted by signal 2")
        #expect(report["state_left"] as? String == "staging back on \(original) (automatic rollback)")
        #expect((report["verdict"] as? String)?.contains("CANCELLED at step 5") == true)
        let markdown = try String(contentsOfFile: setup.root + "/report.md", encoding: .utf8)
        #expect(markdown.contains("**Result: CANCELLED**") && markdown.contains("State left: staging back on \(original)"))
        #expect(markdown.contains("Configuration rollback") && markdown.contains("automatic configuration rollback after a cancel"), "\(markdown)")

        let records = AuditLog(stateDirectory: setup.root + "/state").recent(limit: 100).reversed()
        let rollback = records.filter { $0.action == "rollback" && $0.target == original }
        #expect(rollback.first?.phase == .start && rollback.first?.details["compensates"]?.string == "rehearsal deploy of \(setup.release)",
                "\(rollback)")
        #expect(rollback.last?.phase == .end && rollback.last?.outcome == .ok, "\(rollback)")
        let end = records.last { $0.action == "rehearsal" && $0.phase == .end }
        #expect(end?.outcome == .cancelled)
        #expect(end?.details["state_left"]?.string == "staging back on \(original) (automatic rollback)")
    }

    @Test("a second SIGINT during the rollback stops it: report and audit say staging was left on the candidate; exit 1",
          .timeLimit(.minutes(3)))
    func secondSignalStopsTheRollback() throws {
        let stack = try FaultSupport.stack()
        let original = try #require(healthVersion(stack))
        let setup = try setUp(stack, slowRollback: true)
        let settingsPath = "\(stack.directory)/api/current.env"
        let settings = try String(contentsOfFile: settingsPath, encoding: .utf8)
        defer {
            try? settings.write(toFile: settingsPath, atomically: false, encoding: .utf8)
            if healthVersion(stack) != original { stack.run(["rollback", original]) }
        }
        let run = try SignalledProcess([FaultSupport.binary, "rehearse", "--config", setup.config, "--env", "staging",
                                         "--report", setup.root + "/report"], stderrPath: setup.root + "/report.stderr",
                                        environment: stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 90) { run.stderr.contains("Load test started") }, "\(run.stderr)")
        run.signal(SIGINT)
        #expect(FaultSupport.waitUntil(seconds: 30) { run.stderr.contains("compensating: rolling back to \(original)") },
                "\(run.stderr)")
        Thread.sleep(forTimeInterval: 1)
        run.signal(SIGINT)
        let code = run.exitCode(within: 60)
        #expect(code == 1, "exit \(String(describing: code)); stderr:\n\(run.stderr)")
        #expect(healthVersion(stack) == setup.release, "the rollback was not stopped")
        let left = "staging left on \(setup.release): roll back with u"
        #expect(run.stderr.contains("stopping the rollback"), "\(run.stderr)")

        let report = try json(setup.root + "/report.json")
        #expect(step(report, 6)["state"] as? String == "failed")
        #expect((step(report, 6)["summary"] as? String)?.contains("compensation stopped") == true, "\(step(report, 6))")
        #expect((report["state_left"] as? String)?.hasPrefix(left) == true, "\(report["state_left"] ?? "none")")
        #expect((report["verdict"] as? String)?.contains(left) == true)
        // A stopped compensation stops the configuration rollback too: the files stay as the deploy made them.
        #expect(step(report, 7)["state"] as? String == "failed", "\(step(report, 7))")
        #expect((step(report, 7)["summary"] as? String)?.contains("not run: the compensation was stopped") == true, "\(step(report, 7))")
        #expect((report["state_left"] as? String)?.contains("config files left as the deploy made them: touchline config restore") == true)
        #expect(try String(contentsOfFile: settingsPath, encoding: .utf8).contains(setup.release), "current.env keeps the deploy's settings")

        let records = AuditLog(stateDirectory: setup.root + "/state").recent(limit: 100).reversed()
        let rollbackEnd = records.last { $0.action == "rollback" && $0.phase == .end }
        #expect(rollbackEnd?.outcome == .cancelled && rollbackEnd?.details["left_on"]?.string == setup.release, "\(String(describing: rollbackEnd))")
        let end = records.last { $0.action == "rehearsal" && $0.phase == .end }
        #expect(end?.outcome == .cancelled)
        #expect(end?.details["state_left"]?.string?.hasPrefix(left) == true)
        #expect(end?.details["compensation_stopped"]?.string?.contains("a second time") == true)
        #expect(end?.error?.contains(left) == true)
    }
}
}
