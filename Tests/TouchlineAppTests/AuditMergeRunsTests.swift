import Foundation
import Glibc
import Testing
@testable import TouchlineApp

/// Whether a start record's process still runs here, for `interrupted (no end record)`.
@Suite("AuditMerge: is the recording process still running")
struct AuditMergeRunsTests {
    @Test("a running child runs; once killed and not yet reaped (a zombie) it does not; reaped, neither")
    func zombie() throws {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ) == 0)
        #expect(AuditMerge.runs(pid))
        kill(pid, SIGKILL)
        var zombie = false
        for _ in 0..<100 where !zombie {
            usleep(10_000)
            zombie = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") == true
        }
        #expect(zombie, "killed, not reaped")
        #expect(kill(pid, 0) == 0, "kill(0) still finds it")
        #expect(!AuditMerge.runs(pid), "but it runs no more")
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(!AuditMerge.runs(pid))
        #expect(AuditMerge.runs(getpid()))
        #expect(!AuditMerge.runs(0) && !AuditMerge.runs(-1))
    }
}
