import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("Poll lateness")
struct PollLatenessTests {
    @Test("percentiles to the millisecond, the maximum, and polls later than an interval counted as missed")
    func figures() {
        let lateness = PollLateness()
        #expect(lateness.summary == .init(polls: 0, p50: 0, p99: 0, maximum: 0, missed: 0))
        for _ in 0..<98 { lateness.record(0.0004, interval: 1) }
        lateness.record(0.030, interval: 1)
        lateness.record(1.5, interval: 1)
        let summary = lateness.summary
        #expect(summary.polls == 100)
        #expect(summary.p50 == 1)
        #expect(summary.p99 == 31)
        #expect(summary.maximum == 1500)
        #expect(summary.missed == 1)
        lateness.reset()
        #expect(lateness.summary.polls == 0)
    }

    @Test("a runner records one lateness per poll after the first, not counting early polls")
    func runner() throws {
        let lateness = PollLateness()
        let config = ProbeConfig(name: "closed", interval: 0.05, timeout: 0.2, latencyWarn: nil,
                                 target: .tcp(HostPort(host: "127.0.0.1", port: 1)))
        let runner = ProbeRunner(config: config, environment: [:], lateness: lateness) { _ in }
        runner.start()
        Thread.sleep(forTimeInterval: 0.4)
        runner.stop()
        let summary = lateness.summary
        #expect(summary.polls >= 3)
        #expect(summary.missed == 0)
    }
}
