import Foundation
import Glibc
import Testing
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("Backup process pipeline")
struct BackupPipelineTests {
    private let environment = ProcessInfo.processInfo.environment

    @Test("stages are connected by pipes and the last one's output reaches the reader; no shell involved")
    func connectsStages() throws {
        let output = StreamTail(limit: 1024)
        let pipeline = try ProcessPipeline.start([
            .init(argv: ["printf", "%s\\n", "kick off; $HOME"], environment: environment),
            .init(argv: ["tr", "a-z", "A-Z"], environment: environment),
        ], sink: .reader(output.append))
        pipeline.waitUntilExit()
        #expect(output.text == "KICK OFF; $HOME\n")
        #expect(pipeline.exits.map(\.status) == [0, 0])
        #expect(pipeline.firstFailure == nil)
    }

    @Test("the stage that failed on its own is reported, with its standard error, before one killed by SIGPIPE")
    func reportsTheRealFailure() throws {
        let pipeline = try ProcessPipeline.start([
            .init(argv: ["yes"], environment: environment),
            .init(argv: ["sh", "-c", "head -c 10 >/dev/null; echo 'disk full' >&2; exit 3"], environment: environment),
        ], sink: .reader { _ in })
        pipeline.waitUntilExit()
        #expect(pipeline.exits[0].signal == SIGPIPE)
        let failure = try #require(pipeline.firstFailure)
        #expect(failure.status == 3)
        #expect(failure.summary == "sh exited with 3: disk full")
    }

    @Test("writing into a file descriptor; a missing program is an error before anything runs")
    func fileSinkAndMissingProgram() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        defer { unlink(path) }
        let pipeline = try ProcessPipeline.start([.init(argv: ["echo", "stored"], environment: environment)], sink: .file(fd))
        pipeline.waitUntilExit()
        close(fd)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "stored\n")
        #expect(throws: ActionFailure.self) {
            try ProcessPipeline.start([.init(argv: ["echo"], environment: environment),
                                       .init(argv: ["no-such-program-touchline"], environment: environment)], sink: .reader { _ in })
        }
    }

    @Test("terminate stops the whole group at once: SIGTERM, or SIGKILL after the grace time for a stage ignoring it")
    func terminateStopsTheGroup() throws {
        let pipeline = try ProcessPipeline.start([
            .init(argv: ["sleep", "60"], environment: environment),
            .init(argv: ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"], environment: environment),
        ], sink: .reader { _ in })
        usleep(200_000)
        let started = Date()
        pipeline.terminate(grace: 0.5)
        #expect(pipeline.wait(seconds: 5))
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(pipeline.exits.map(\.signal) == [SIGTERM, SIGKILL])
    }
}
