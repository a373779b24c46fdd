import Foundation
import Synchronization
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// The dashboard's path from a confirmed spec to a run, with a real command and a local listener as the
/// service's probe: the catalog's spec, handed to the runner of its kind, is what the audit log records.
@Suite("Action runners")
struct ActionRunnerTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)").path

    /// A config whose `api` restart runs `argv` and whose probe is a TCP connect to `port`.
    private func config(port: Int, argv: [String]) throws -> TouchlineConfig {
        let quoted = argv.map { "\"\($0)\"" }.joined(separator: ", ")
        return try ConfigLoader.parse("""
            [environments.staging]
            state_dir = "\(folder)/state"
            [[environments.staging.probes]]
            name = "api"
            kind = "tcp"
            address = "127.0.0.1:\(port)"
            [environments.staging.restart.api]
            command = [\(quoted)]
            wait_healthy = "5s"
            """, file: folder + "/config.toml", baseDirectory: folder, environment: [:])
    }

    @Test("restart: the catalog's spec runs, and the start and end records carry that spec's argv")
    func restartAuditsTheSpecsArgv() throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = try config(port: listener.port, argv: ["/bin/sh", "-c", "echo restarting 'api now'"])
        let spec = try #require(ActionCatalog(environments: config.environments).restart("api", in: "staging"))
        #expect(spec.lines == [#"/bin/sh -c 'echo restarting '\''api now'\'''"#])
        let runner = try #require(ActionRunners(environments: config.environments).runner(for: spec))
        let lines = Mutex<[String]>([])
        let report = runner.run(spec, control: ActionControl(), output: ActionOutputSink(line: { line in lines.withLock { $0.append(line) } }))
        #expect(report.ok, "\(report.message)")
        #expect(lines.withLock { $0 }.contains("restarting api now"))
        let records = AuditLog(stateDirectory: folder + "/state").recent(limit: 10)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.commands == spec.commands && $0.action == spec.kind.name && $0.target == spec.target })
    }

    @Test("a cancel before the run starts: nothing runs past the cancel, audited as cancelled")
    func cancelledBeforeStart() throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = try config(port: listener.port, argv: ["/bin/sleep", "30"])
        let spec = try #require(ActionCatalog(environments: config.environments).restart("api", in: "staging"))
        let runner = try #require(ActionRunners(environments: config.environments).runner(for: spec))
        let control = ActionControl()
        control.cancel(reason: "cancelled by the operator (c)")
        let started = ContinuousClock.now
        let report = runner.run(spec, control: control, output: ActionOutputSink(line: { _ in }))
        #expect(report.outcome == .cancelled, "\(report.message)")
        #expect(started.duration(to: .now) < .seconds(10), "sleep 30 was stopped")
        #expect(AuditLog(stateDirectory: folder + "/state").recent(limit: 1).first?.outcome == .cancelled)
    }

    @Test("no runner for an action the environment does not configure")
    func unconfigured() throws {
        let config = try config(port: 1, argv: ["/bin/true"])
        let runners = ActionRunners(environments: config.environments)
        let backup = ActionSpec(kind: .backup, environment: "staging", commands: [], lines: [], consequence: "", confirmation: .yesNo)
        #expect(runners.runner(for: backup) == nil)
        var elsewhere = backup
        elsewhere.environment = "production"
        elsewhere.kind = .restart
        #expect(runners.runner(for: elsewhere) == nil)
    }
}
