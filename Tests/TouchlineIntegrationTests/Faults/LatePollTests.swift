import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The late-poll counter the soak relies on: a poll that starts well after its interval is reported.
@Suite("Faults: late polls are reported")
struct LatePollTests {
    @Test("a report that blocks 600 ms at a 100 ms interval makes the next poll late, named in one line; on-time polls mostly are not")
    func blockedReportIsLate() throws {
        let config = ProbeConfig(name: "refused", interval: 0.1, timeout: 0.5, latencyWarn: nil,
                                 target: .tcp(HostPort(host: "127.0.0.1", port: TestStack.freePort())))
        let notes = LateNotes()
        let runner = ProbeRunner(config: config, environment: [:], late: { notes.add($0) }) { _ in
            if notes.sampled() == 3 { Thread.sleep(forTimeInterval: 0.6) }
        }
        runner.start()
        defer { runner.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) { notes.sampleCount >= 8 })
        let lines = notes.lines()
        let blocked = lines.filter { line in
            line.hasPrefix("late poll: refused polled ") && line.hasSuffix(" ms after its interval")
                && (Int(line.split(separator: " ")[4]) ?? 0) >= 400
        }
        #expect(blocked.count == 1, "\(lines)")
        #expect(lines.count <= 3, "on-time polls reported late (a loaded machine can add one or two): \(lines)")
    }
}
