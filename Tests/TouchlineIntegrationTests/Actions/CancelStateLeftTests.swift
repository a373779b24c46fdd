import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

extension RealStackSuite {
/// Actions without an undo say plainly what a cancel left: SIGINT to `touchline rollback` while its command
/// runs names the release the probe reports (`staging left on 1.5.0`, audited as `left_on`); SIGINT to
/// `touchline restart api` after its command stopped the API says it was left down and how to start it.
@Suite("Cancel: the state left by actions without an undo", .serialized)
struct CancelStateLeftTests {
    private func config(_ runner: HeadlessRunner, replacing old: String, with new: String) throws -> String {
        let path = try runner.writeConfig()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("SIGINT during touchline rollback: exit 1, the message and the audit name the release left running", .timeLimit(.minutes(2)))
    func rollbackSaysWhereItLeft() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let config = try config(runner, replacing: "command = [\"\(script)\", \"rollback\", \"{release}\"]",
                                with: "command = [\"sh\", \"-c\", \"echo switching in 20 s; sleep 20; exec \(script) rollback $1\", \"sh\", \"{release}\"]")
        let releases = stack.run(["releases"]).1.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let target = try #require(releases.first { $0 != "1.5.0" && !$0.isEmpty && !$0.hasPrefix("9.") }, "\(releases)")
        let run = try SignalledProcess([FaultSupport.binary, "rollback", target, "--config", config, "--env", "staging",
                                        "--confirm", "staging"],
                                       stderrPath: runner.root + "/rollback.stderr", environment: stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 20) { run.stderr.contains("\nswitching in 20 s\n") }, "\(run.stderr)")
        run.signal(SIGINT)
        #expect(run.exitCode(within: 20) == 1, "\(run.stderr)")
        #expect(run.stderr.contains("staging left on 1.5.0"), "\(run.stderr)")
        let end = runner.auditRecords().last { $0.action == "rollback" && $0.phase == .end }
        #expect(end?.outcome == .cancelled)
        #expect(end?.details["left_on"]?.string == "1.5.0", "\(String(describing: end))")
    }

    @Test("SIGINT during touchline restart after the API was stopped: exit 1, it says the API was left down and how to start it",
          .timeLimit(.minutes(2)))
    func restartSaysItLeftTheServiceDown() throws {
        let stack = try FaultSupport.stack()
        defer { stack.run(["start", "api"]) }
        let runner = HeadlessRunner(stack: stack)
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let config = try config(runner, replacing: "command = [\"\(script)\", \"restart\", \"api\"]",
                                with: "command = [\"sh\", \"-c\", \"\(script) stop api; echo stopped; sleep 30\"]")
        let run = try SignalledProcess([FaultSupport.binary, "restart", "api", "--config", config, "--env", "staging", "--yes"],
                                       stderrPath: runner.root + "/restart.stderr", environment: stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 30) { run.stderr.contains("\nstopped\n") }, "\(run.stderr)")
        run.signal(SIGINT)
        let started = Date()
        #expect(run.exitCode(within: 45) == 1, "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 15, "took \(Date().timeIntervalSince(started)) s")
        #expect(run.stderr.contains("api left down"), "\(run.stderr)")
        #expect(run.stderr.contains("s starts it again"), "\(run.stderr)")
        let end = runner.auditRecords().last { $0.action == "restart" && $0.phase == .end }
        #expect(end?.outcome == .cancelled)
        #expect(end?.details["left_status"]?.string == "down", "\(String(describing: end))")
    }
}
}
