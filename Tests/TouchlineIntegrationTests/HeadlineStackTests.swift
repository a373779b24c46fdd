@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// Issue 15 against the real stack: optional probes and `--probe` in `touchline check`'s exit code, warnings
/// only for what a command connects to, `--version`, a failed backup leaving no folder behind, and a
/// release deployed outside touchline (`scripts/stack deploy`) becoming an event in the reducer.
extension RealStackSuite {
@Suite("Headline on the real stack", .serialized)
struct HeadlineStackTests {
    private func runner() throws -> HeadlessRunner {
        switch TestStack.shared {
        case .success(let stack): return HeadlessRunner(stack: stack)
        case .failure(let error): throw error
        }
    }

    /// A closed port marked optional (kafka) beside the stack's probes.
    private func configWithOptional(_ runner: HeadlessRunner) throws -> String {
        let path = try runner.writeConfig()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += """

            [[environments.staging.probes]]
            name = "kafka"
            kind = "tcp"
            address = "127.0.0.1:\(TestStack.freePort())"
            timeout = "1s"
            optional = true
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private var binary: String { TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path }

    @Test("an optional probe down: check exits 0, says `1 optional down`, JSON lists it; --probe checks a subset")
    func optionalProbeExitCode() throws {
        let runner = try runner()
        let config = try configWithOptional(runner)
        let table = runner.run(["check"], config: config, timeout: 30)
        #expect(table.code == 0, "\(table.stdout)\(table.stderr)")
        #expect(table.stdout.hasPrefix("STAGING · UP · "), "\(table.stdout)")
        #expect(table.stdout.split(separator: "\n").first?.hasSuffix(" · 1 optional down") == true, "\(table.stdout)")
        #expect(table.stdout.contains("kafka (optional)"))
        let json = try runner.json(runner.run(["check", "--json"], config: config, timeout: 30).stdout)
        #expect(json["status"] as? String == "up")
        #expect(json["optional_down"] as? [String] == ["kafka"])
        let probes = try #require(json["probes"] as? [[String: Any]])
        #expect(probes.first { $0["name"] as? String == "kafka" }?["optional"] as? Bool == true)
        let subset = try runner.json(runner.run(["check", "--json", "--probe", "api,postgres"], config: config, timeout: 30).stdout)
        #expect((subset["probes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["api", "postgres"])
        let repeated = try runner.json(runner.run(["check", "--json", "--probe", "postgres", "--probe", "api"], config: config,
                                                  timeout: 30).stdout)
        #expect((repeated["probes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["api", "postgres"],
                "a repeated --probe adds to the selection, as a comma does")
        let unknown = runner.run(["check", "--probe", "kafak"], config: config, timeout: 30)
        #expect(unknown.code == 3)
        #expect(unknown.stderr == "touchline check: --probe: no probe named 'kafak' in staging (probes: api, postgres, redis, kafka)\n",
                "\(unknown.stderr)")
    }

    @Test("an unset password variable is a warning only for commands that connect to its probe")
    func warningsOnlyForWhatIsConnected() throws {
        let runner = try runner()
        let config = try runner.writeConfig()
        var environment = runner.stack.environment
        environment.removeValue(forKey: "STAGING_DB_PASSWORD")
        func stderr(_ arguments: [String]) -> String {
            ProcessRunner.runSeparately(binary, arguments + ["--config", config], environment: environment, timeout: 30).stderr
        }
        #expect(!stderr(["audit"]).contains("STAGING_DB_PASSWORD"))
        #expect(!stderr(["backups"]).contains("STAGING_DB_PASSWORD"))
        #expect(!stderr(["check", "--probe", "api"]).contains("STAGING_DB_PASSWORD"))
        #expect(stderr(["check", "--probe", "api,postgres"]).contains("STAGING_DB_PASSWORD is not set"))
    }

    @Test("--version prints `touchline MAJOR.MINOR.PATCH (git REV)` from the checkout, exit 0")
    func version() throws {
        let result = ProcessRunner.runSeparately(binary, ["--version"], environment: ProcessInfo.processInfo.environment, timeout: 10)
        #expect(result.code == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("touchline \(TouchlineVersion.number) (git "), "\(line)")
        let copy = NSTemporaryDirectory() + "touchline-version-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: binary, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let installed = ProcessRunner.runSeparately(copy, ["--version"], environment: ProcessInfo.processInfo.environment, timeout: 10)
        #expect(installed.stdout == "touchline \(TouchlineVersion.number)\n", "an installed copy has no revision")
    }

    @Test("a backup that fails removes the backup folder (and parents) it created")
    func failedBackupLeavesNoFolder() throws {
        let runner = try runner()
        let path = try runner.writeConfig()
        let folder = runner.root + "/created-by-backup"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "directory = \"\(runner.backupDirectory)\"", with: "directory = \"\(folder)/nested/backups\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var environment = runner.stack.environment
        environment.removeValue(forKey: "STAGING_DB_PASSWORD")
        let result = ProcessRunner.runSeparately(binary, ["backup", "--yes", "--config", path], environment: environment, timeout: 60)
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("touchline backup: failed: "), "\(result.stdout)\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder), "the failed backup left \(folder)")
        #expect(FileManager.default.fileExists(atPath: runner.root), "a folder that existed before stays")
    }

    @Test("scripts/stack deploy outside touchline: the reducer's Events say `api release 1.5.0 → 1.6.0`")
    func releaseChangeIsAnEvent() throws {
        let stack = try runner().stack
        let environment = try stack.staging()
        let api = try #require(environment.probes.first { $0.name == "api" })
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: true, now: Date(), width: 120, height: 40)
        let checker = CheckerFactory.make(api, environment: stack.environment)
        defer { checker.close() }
        defer { stack.run(["rollback", "1.5.0"]) }
        func poll() -> ProbeSample {
            let sample = checker.check()
            _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
            return sample
        }
        #expect(poll().version == "1.5.0")
        let (code, output) = stack.run(["deploy", "1.6.0"])
        #expect(code == 0, "\(output)")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, poll().version != "1.6.0" { usleep(200_000) }
        #expect(state.events.contains { $0.message == "api release 1.5.0 → 1.6.0" }, "\(state.events.map(\.message))")
        #expect(state.events.filter { $0.message.contains("release") }.count == 1)
    }
}
}
