import Foundation
import Testing
@testable import TouchlineTestSupport

/// `touchline check` on bad input: one line, exit code 3.
@Suite("touchline check usage errors")
struct CheckCommandUsageTests {
    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
    private let fixtures = TestStack.repositoryRoot.appendingPathComponent("Tests/TouchlineCoreTests/Fixtures/bad-configs").path

    private func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        ProcessRunner.runSeparately(binary, arguments, environment: ProcessInfo.processInfo.environment, timeout: 10)
    }

    @Test("every malformed config: exit 3 and one line on stderr naming the file")
    func badConfigs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".toml") }
        #expect(names.count >= 30)
        for name in names {
            let path = "\(fixtures)/\(name)"
            let result = run(["check", "--config", path])
            #expect(result.code == 3, "\(name): exit \(result.code)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix(path), "\(name): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("missing file, unknown environment and unknown option: exit 3")
    func usage() {
        let missing = run(["check", "--config", "/nonexistent.toml"])
        #expect(missing.code == 3)
        #expect(missing.stderr == "/nonexistent.toml: config file not found\n")
        let config = TestStack.repositoryRoot.appendingPathComponent("config.toml").path
        let unknown = run(["check", "--config", config, "--env", "moon"])
        #expect(unknown.code == 3)
        #expect(unknown.stderr.contains("--env: unknown environment 'moon' (defined: staging, production)"))
        #expect(run(["check", "--bogus"]).code == 3)
        #expect(run(["--help"]).code == 0)
    }
}
