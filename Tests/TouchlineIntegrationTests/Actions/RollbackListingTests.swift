@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// How often a rollback runs the list command: once per headless `touchline rollback` (its own listing
/// is the one the switch checks against), never again right before the switch.
extension RealStackSuite {
@Suite("Rollback listing", .serialized)
struct RollbackListingTests {
    /// A config whose list command is a wrapper around `scripts/stack releases` that counts its runs in a file.
    private func countingConfig(_ runner: HeadlessRunner) throws -> (config: String, counter: String) {
        let config = try runner.writeConfig()
        let counter = runner.root + "/list-runs"
        let wrapper = runner.root + "/list-releases"
        let stack = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        try "#!/bin/sh\necho run >> '\(counter)'\nexec '\(stack)' releases\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let replaced = text.replacingOccurrences(of: "list_command = [\"\(stack)\", \"releases\"]", with: "list_command = [\"\(wrapper)\"]")
        #expect(replaced != text, "the test config's list_command changed shape")
        try replaced.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, counter)
    }

    private func runs(_ counter: String) -> Int {
        ((try? String(contentsOfFile: counter, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test("touchline rollback runs the list command once, then switches", .timeLimit(.minutes(2)))
    func headlessListsOnce() throws {
        let stack = try TestStack.shared.get()
        let runner = HeadlessRunner(stack: stack)
        defer { stack.run(["rollback", "1.5.0"]) }
        let (config, counter) = try countingConfig(runner)
        let result = runner.run(["rollback", "1.4.2", "--confirm", "staging"], config: config)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(runner.healthVersion().contains("\"version\":\"1.4.2\""))
        #expect(runs(counter) == 1)
        #expect(runner.auditRecords().last { $0.action == "rollback" }?.outcome == .ok)
    }

    @Test("a release missing from the caller's listing is refused without running anything; without one, it lists")
    func listedByCaller() throws {
        let stack = try TestStack.shared.get()
        let runner = HeadlessRunner(stack: stack)
        let (config, counter) = try countingConfig(runner)
        let loaded = try ConfigLoader.load(path: config, environment: stack.environment)
        let environment = loaded.environments[0]
        let rollbackConfig = try #require(try RollbackConfigParser.parse(environment: environment, configFile: config))
        let action = RollbackAction(environment: environment, config: rollbackConfig, processEnvironment: stack.environment)
        let refused = action.measure(to: "1.4.2", listed: ["1.5.0"], progress: { _ in })
        #expect(!refused.succeeded && !refused.commandRan && refused.message.contains("not a listed release"), "\(refused.message)")
        #expect(runs(counter) == 0)
        let unlisted = action.measure(to: "0.0.1", progress: { _ in })
        #expect(!unlisted.succeeded && !unlisted.commandRan && unlisted.message.contains("not a listed release"))
        #expect(runs(counter) == 1)
        #expect(runner.auditRecords().filter { $0.action == "rollback" }.map(\.outcome) == [.refused, .refused])
    }

    @Test("the api down: releases and rollback without RELEASE give the probe's reason, not 'reported no version'")
    func probeDownReason() throws {
        let stack = try TestStack.shared.get()
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        let port = TestStack.freePort()
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:\(stack.apiPort)/health", with: "http://127.0.0.1:\(port)/health")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let because = "the running release is unknown (api: connection refused (127.0.0.1:\(port)))"
        let releases = runner.run(["releases"], config: config)
        #expect(releases.code == 0 && releases.stdout.hasSuffix("rollback without RELEASE is refused: \(because)\n"), "\(releases.stdout)")
        let rollback = runner.run(["rollback", "--confirm", "staging"], config: config)
        #expect(rollback.code == 2 && rollback.stderr.contains(because), "\(rollback.stderr)")
    }

}
}
