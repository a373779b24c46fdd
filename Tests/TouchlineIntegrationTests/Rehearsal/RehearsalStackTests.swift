import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

extension RealStackSuite {
/// Whole rehearsals against the test stack: a passing one checked against independent measurements, a
/// failing functional check, a load-test threshold breach, and the command refusing a protected environment.
@Suite("Rehearsal against the stack", .serialized)
struct RehearsalStackTests {
    private static let tables = ["public.matches", "public.predictions", "public.teams"]

    /// The stack's staging environment with a rehearsal table (short load test), parsed by the real parsers.
    private func setUp(_ stack: TestStack, checks: String = "", protected: Bool = false)
        throws -> (config: String, environment: EnvironmentConfig, backup: BackupConfig, rollback: RollbackConfig, rehearsal: RehearsalConfig) {
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let root = "\(stack.directory)/rehearsal-\(UUID().uuidString.prefix(8))"
        var text = stack.configText()
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(root)/state\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(root)/backups\"")
        if protected { text = text.replacingOccurrences(of: "interval = \"1s\"", with: "interval = \"1s\"\nprotected = true") }
        text += """

            [environments.staging.rehearsal]
            deploy_command = ["\(script)", "deploy", "{release}"]
            release = "9.9.\(Int.random(in: 1...999))"
            wait_healthy = "30s"
            \(checks.isEmpty ? Self.predictionCheck : checks)

            [environments.staging.rehearsal.load]
            concurrency = 4
            duration = "2s"

            [environments.staging.config_files]
            paths = ["\(stack.directory)/api/current.env"]
            apply_command = ["\(script)", "restart", "api"]
            probe = "api"
            wait_healthy = "30s"
            """
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = "\(root)/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ConfigLoader.load(path: path, environment: stack.environment)
        let environment = loaded.environments[0]
        let rollback = try #require(try RollbackConfigParser.parse(environment: environment, configFile: path))
        return (path, environment, try BackupConfigParser.parse(environment: environment, configFile: path), rollback,
                try RehearsalConfigParser.parse(environment: environment, configFile: path))
    }

    private static let predictionCheck = """
        [[environments.staging.rehearsal.checks]]
        name = "prediction"
        method = "POST"
        path = "/api/v1/predictions/match"
        body = { home_team = "Arsenal", away_team = "Chelsea" }
        expect_fields = ["prediction.home_win", "prediction.draw", "prediction.away_win"]
        expect_sum = { fields = ["prediction.home_win", "prediction.draw", "prediction.away_win"] }
        """

    private func run(_ stack: TestStack, checks: String = "",
                     progress: @escaping @Sendable (RehearsalProgress) -> Void = { _ in }) throws -> RehearsalReport {
        let setup = try setUp(stack, checks: checks)
        let run = RehearsalRun(environment: setup.environment, backup: setup.backup, rollback: setup.rollback,
                               rehearsal: setup.rehearsal, processEnvironment: stack.environment)
        return run.run(progress: progress)
    }

    /// The version /health reports, asked with curl.
    private func curlVersion(_ stack: TestStack) -> String? {
        let body = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-m", "5", "http://127.0.0.1:\(stack.apiPort)/health"],
                                     environment: stack.environment, timeout: 10).1
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["version"] as? String
    }

    private func psqlCount(_ stack: TestStack, _ table: String) -> Int64? {
        Int64(stack.run(["admin-psql", "-XAtq", "-d", "football_prediction_staging", "-c", "SELECT count(*) FROM \(table)"]).1
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("a full rehearsal passes; its release, row counts and files agree with curl and psql", .timeLimit(.minutes(3)))
    func fullRehearsal() throws {
        let stack = try TestStack.shared.get()
        #expect(stack.waitUntilAPISteady())
        let before = curlVersion(stack)
        let settings = try String(contentsOfFile: "\(stack.directory)/api/current.env", encoding: .utf8)
        let report = try run(stack)
        #expect(report.passed, "\(report.verdict)")
        #expect(report.steps.map(\.state) == Array(repeating: .passed, count: 9))
        // The deploy rewrote the stack's settings; the configuration rollback put them back, proven by sha256.
        let configStep = try #require(report.record(.configRollback))
        #expect(configStep.figure("changed_files")?.text == "api/current.env" || configStep.figure("changed_files")?.text.hasSuffix("current.env") == true,
                "\(configStep.figures)")
        #expect(configStep.figure("sha256_verified")?.value == .integer(1))
        #expect(try String(contentsOfFile: "\(stack.directory)/api/current.env", encoding: .utf8) == settings)
        #expect(report.originalRelease == before)
        #expect(curlVersion(stack) == before)
        for table in Self.tables {
            let counted = psqlCount(stack, table)
            #expect(counted != nil)
            #expect(report.backup?.tableRows[table] == counted, "\(table)")
            #expect(report.rowCounts.first { $0.table == table }?.found == counted, "\(table)")
        }
        #expect(report.switches.map(\.kind) == ["deploy", "rollback"])
        #expect(report.switches.allSatisfy { $0.succeeded && $0.downtime != nil })
        let load = try #require(report.load)
        #expect(load.requests > 0 && load.errors == 0, "\(load.errors) errors of \(load.requests): \(load.errorKinds)")
        // a whole-second duration: wrk sends the load when it is installed, touchline's own client otherwise
        let wrk = WrkLoadTest.locate(searchPath: stack.environment["PATH"])
        #expect(load.generator == wrk.map { "wrk (\($0))" })
        #expect(report.files.count == 2)
        let json = try Data(contentsOf: URL(fileURLWithPath: report.files[1]))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["passed"] as? Bool == true)
        #expect((object["load"] as? [String: Any])?["requests"] as? Int == load.requests)
        #expect((object["load"] as? [String: Any])?["generator"] as? String == load.generator ?? "touchline")
        let markdown = try String(contentsOfFile: report.files[0], encoding: .utf8)
        #expect(markdown.contains("**Result: PASSED**"))
        // The Markdown names figures for people (`sha256 verified`); the JSON keeps the key.
        #expect(markdown.contains("### 7. Configuration rollback — passed") && markdown.contains("- sha256 verified: 1 of 1 file equals the snapshot"),
                "\(markdown)")
        #expect(String(decoding: json, as: UTF8.self).contains("sha256_verified"))
        #expect(!markdown.contains(stack.password) && !String(decoding: json, as: UTF8.self).contains(stack.password))
    }

    @Test("a failing functional check stops the run and rolls the application back", .timeLimit(.minutes(3)))
    func failingCheck() throws {
        let stack = try TestStack.shared.get()
        let before = curlVersion(stack)
        let report = try run(stack, checks: """
            [[environments.staging.rehearsal.checks]]
            name = "missing field"
            method = "POST"
            path = "/api/v1/predictions/match"
            body = { home_team = "Arsenal", away_team = "Chelsea" }
            expect_fields = ["prediction.no_such_field"]
            """)
        #expect(!report.passed)
        #expect(report.record(.checks)?.state == .failed)
        #expect(report.record(.checks)?.summary.contains("prediction.no_such_field") == true)
        #expect(report.record(.load)?.state == .skipped)
        #expect(report.record(.rollback)?.state == .passed)
        #expect(report.record(.rollback)?.summary.hasPrefix("automatic") == true)
        #expect(report.switches.map(\.kind) == ["deploy", "automatic rollback"])
        #expect(report.record(.configRollback)?.state == .passed, "\(report.record(.configRollback)?.summary ?? "")")
        #expect(report.record(.configRollback)?.summary.hasPrefix("automatic") == true)
        #expect(report.record(.restore)?.state == .skipped)
        #expect(curlVersion(stack) == before)
    }

    @Test("a load-test p95 over the threshold fails the step with the measured p95", .timeLimit(.minutes(3)))
    func loadBreach() throws {
        let stack = try TestStack.shared.get()
        defer { stack.run(["fault", "clear"]) }
        let before = curlVersion(stack)
        let report = try run(stack) { progress in
            if progress.changed == .load, progress.running?.step == .load, progress.activity.hasSuffix("started") {
                stack.run(["fault", "api", "latency", "1.5s"])
            }
            if progress.changed == .load, progress.steps.first(where: { $0.step == .load })?.state.isFinal == true {
                stack.run(["fault", "clear"])
            }
        }
        let load = try #require(report.load)
        let p95 = try #require(load.p95)
        #expect(p95 >= 1.5)
        #expect(report.record(.load)?.state == .failed)
        #expect(report.record(.load)?.summary.contains("p95 \(LatencyText.format(p95))") == true)
        #expect(report.record(.rollback)?.state == .passed)
        #expect(curlVersion(stack) == before)
    }

    @Test("touchline rehearse in a protected environment exits 2 and is audited as refused")
    func protectedRefused() throws {
        let stack = try TestStack.shared.get()
        let setup = try setUp(stack, protected: true)
        #expect(setup.environment.protected)
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let result = ProcessRunner.runSeparately(binary, ["rehearse", "--config", setup.config, "--env", "staging"],
                                                 environment: stack.environment, timeout: 30)
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stderr.contains("protected"))
        let records = AuditLog(stateDirectory: setup.environment.stateDirectory).recent(limit: 10)
        #expect(records.first?.action == "rehearsal")
        #expect(records.first?.outcome == .refused)
    }
    @Test("touchline rehearse while another action holds the lock exits 2, naming the holder")
    func lockHeld() throws {
        let stack = try TestStack.shared.get()
        let setup = try setUp(stack)
        let lock = try ActionLock.acquire(stateDirectory: setup.environment.stateDirectory, environment: "staging", action: "backup")
        defer { lock.release() }
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let result = ProcessRunner.runSeparately(binary, ["rehearse", "--config", setup.config, "--env", "staging"],
                                                 environment: stack.environment, timeout: 30)
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stderr.contains("another action is running on staging"))
        let records = AuditLog(stateDirectory: setup.environment.stateDirectory).recent(limit: 10)
        #expect(records.first?.action == "rehearsal" && records.first?.outcome == .refused)
    }
}
}
