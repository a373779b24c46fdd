import Foundation
import Testing
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// A command that prints its error and then the consequences: the error is what a failure reports.
@Suite("First error line of a failed command")
struct FirstErrorLineTests {
    private let environment = ProcessInfo.processInfo.environment
    /// psql's shape: the error, its context lines, then what the script did afterwards.
    private let script = """
        echo 'psql:<stdin>:7: ERROR:  permission denied for table zz_private' >&2
        echo 'DETAIL:  the role lacks SELECT' >&2
        echo 'LINE 1: SELECT * FROM zz_private' >&2
        echo 'cleaning up' >&2
        echo 'rolled back' >&2
        exit 3
        """

    @Test("a pipeline stage's summary is its first error with the detail, not its last lines")
    func pipelineStage() throws {
        let pipeline = try ProcessPipeline.start([.init(argv: ["sh", "-c", script], environment: environment)], sink: .reader { _ in })
        pipeline.waitUntilExit()
        let failure = try #require(pipeline.firstFailure)
        #expect(failure.summary == "sh exited with 3: psql:<stdin>:7: ERROR:  permission denied for table zz_private; "
                + "DETAIL:  the role lacks SELECT")
    }

    @Test("a pipeline stage that could not connect says libpq's reason first")
    func pipelineConnection() throws {
        let text = "echo 'pg_dump: error: connection to server at \"127.0.0.1\", port 1 failed: Connection refused' >&2; "
            + "printf '\\tIs the server running on that host and accepting TCP/IP connections?\\n' >&2; exit 1"
        let pipeline = try ProcessPipeline.start([.init(argv: ["sh", "-c", text], environment: environment)], sink: .reader { _ in })
        pipeline.waitUntilExit()
        #expect(pipeline.firstFailure?.summary == "sh exited with 1: Connection refused (connecting to 127.0.0.1 port 1; "
                + "Is the server running on that host and accepting TCP/IP connections?)")
    }

    @Test("a restart or rollback command's failure reason is its first error; without one, its last two lines")
    func childProcess() {
        let failed = ChildProcess.run(["sh", "-c", script], environment: environment, timeout: 10)
        #expect(failed.failureReason(timeout: 10) == "command exited 3: psql:<stdin>:7: ERROR:  permission denied for table "
                + "zz_private; DETAIL:  the role lacks SELECT")
        let plain = ChildProcess.run(["sh", "-c", "echo one; echo two; echo three; exit 2"], environment: environment, timeout: 10)
        #expect(plain.failureReason(timeout: 10) == "command exited 2: two | three")
    }
}
