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

    @Test("a percentile never exceeds the maximum: polls all 2.2 ms late have p50 and p99 of 2.2, not the 3 ms bucket edge")
    func percentileAtMostMaximum() {
        let lateness = PollLateness()
        for _ in 0..<50 { lateness.record(0.0022, interval: 1) }
        let summary = lateness.summary
        #expect(summary.maximum == 2.2 && summary.p99 == 2.2 && summary.p50 == 2.2, "\(summary)")
        lateness.record(.nan, interval: 1)
        lateness.record(.infinity, interval: 1)
        lateness.record(1e30, interval: 1)
        #expect(lateness.summary.p50 <= lateness.summary.p99 && lateness.summary.p99 <= lateness.summary.maximum)
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
