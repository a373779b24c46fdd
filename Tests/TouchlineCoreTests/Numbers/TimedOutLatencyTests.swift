import Foundation
import Testing
@testable import TouchlineCore

/// Issue 11 §5 case A: a check that ran out of its deadline counts as at least its timeout.
@Suite("Numbers: timed-out checks are lower bounds in the percentiles")
struct TimedOutLatencyTests {
    let now = NumbersFixtures.start.addingTimeInterval(60)

    /// 60 s of one poll a second: `fast` answered in 20 ms (the first with a new connection), the rest timed out at 2 s.
    func window(fast: Int, setupTimeouts: Bool = false) -> SampleWindow {
        var window = SampleWindow()
        for second in 0..<60 {
            let time = NumbersFixtures.start.addingTimeInterval(Double(second) + 1)
            if second < fast {
                window.append(ProbeSample(probe: "api", time: time, status: .up, latency: 0.020, includesSetup: second == 0))
            } else {
                var sample = ProbeSample.timedOut(probe: "api", time: time, timeout: 2, error: "timeout after 2s")
                sample.includesSetup = setupTimeouts
                window.append(sample)
            }
        }
        return window
    }

    @Test("latency 3 s against a 2 s timeout: every check timed out, p50/p95/p99 are ≥ 2 s, never a calm figure")
    func allTimedOut() {
        let stats = window(fast: 0, setupTimeouts: true).stats(over: 60, now: now)
        #expect(stats.count == 60)
        #expect(stats.timedOut == 60)
        #expect(stats.p95 == 2)
        #expect(stats.p95IsLowerBound)
        #expect(stats.p50 == 2 && stats.p50IsLowerBound && stats.p99 == 2 && stats.p99IsLowerBound)
        #expect(stats.average == 2 && stats.averageIsLowerBound)
        #expect(stats.errorRate == 1, "timed-out checks still count as errors")
    }

    @Test("10 % timed out: the p95 is the timeout and a lower bound, the p50 stays exact")
    func someTimedOut() {
        let stats = window(fast: 54).stats(over: 60, now: now)
        #expect(stats.p50 == 0.020)
        #expect(!stats.p50IsLowerBound)
        #expect(stats.p95 == 2)
        #expect(stats.p95IsLowerBound)
        #expect(stats.averageIsLowerBound)
        #expect(abs((stats.errorRate ?? 0) - 0.1) < 1e-9)
    }

    @Test("the issue's case: 10.5 % of checks timed out on new connections, p95 is ≥ 2 s, not 22.2 ms")
    func issueCase() {
        var window = SampleWindow()
        for second in 0..<57 {
            let time = NumbersFixtures.start.addingTimeInterval(Double(second) + 1)
            if second % 10 == 5 {
                var sample = ProbeSample.timedOut(probe: "api", time: time, timeout: 2, error: "timeout after 2s")
                sample.includesSetup = true
                window.append(sample)
            } else {
                window.append(ProbeSample(probe: "api", time: time, status: .up, latency: 0.0222))
            }
        }
        let stats = window.stats(over: 60, now: now)
        #expect(stats.timedOut == 6)
        #expect(stats.p95 == 2 && stats.p95IsLowerBound)
    }

    @Test("a refused connection carries no latency: error rate only, percentiles exact")
    func refusedIsNotALatency() {
        var window = SampleWindow()
        for second in 0..<20 {
            let time = NumbersFixtures.start.addingTimeInterval(Double(second) + 41)
            window.append(second % 2 == 0 ? ProbeSample(probe: "api", time: time, status: .down, latency: nil, error: "connection refused")
                                          : ProbeSample(probe: "api", time: time, status: .up, latency: 0.010))
        }
        let stats = window.stats(over: 60, now: now)
        #expect(stats.p95 == 0.010 && !stats.p95IsLowerBound)
        #expect(stats.timedOut == 0)
        #expect(stats.errorRate == 0.5)
    }

    @Test("a bound never ranks below an exact value it equals")
    func ties() {
        let sorted = Percentiles.sortedBounds([(2, true), (2, false), (1, false)])
        #expect(Percentiles.bound(50, ofSorted: sorted).map { $0.value == 2 && !$0.atLeast } == true)
        #expect(Percentiles.bound(100, ofSorted: sorted).map { $0.value == 2 && $0.atLeast } == true)
        #expect(Percentiles.bound(50, ofSorted: []) == nil)
    }

    @Test("text: `≥ 2.0 s`, compact `≥2.0 s`; a sample's latency text marks the bound")
    func text() {
        #expect(LatencyText.format(2, atLeast: true) == "≥ 2.0 s")
        #expect(LatencyText.format(2, atLeast: true, compact: true) == "≥2.0 s")
        #expect(LatencyText.format(0.0123, atLeast: false) == "12.3 ms")
        #expect(ProbeSample.timedOut(probe: "a", time: now, timeout: 2, error: "timeout after 2s").latencyText == "≥ 2.0 s")
        #expect(ProbeSample(probe: "a", time: now, status: .down, latency: nil).latencyText == nil)
    }

    @Test("check --json: latency_ms is the timeout with latency_is_lower_bound")
    func checkJSON() throws {
        let environment = NumbersFixtures.state().environment
        let report = CheckReport(environment: environment, checkedAt: now,
                                 samples: [ProbeSample.timedOut(probe: "api", time: now, timeout: 2, error: "timeout after 2s")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as? [String: Any])
        let probe = try #require((object["probes"] as? [[String: Any]])?.first)
        #expect(probe["latency_ms"] as? Double == 2000)
        #expect(probe["latency_is_lower_bound"] as? Bool == true)
        #expect(probe["status"] as? String == "down")
    }

    @Test("snapshot JSON and Markdown: p95_ms 2000 with p95_is_lower_bound, `≥ 2.0 s` in the table")
    func snapshot() throws {
        var state = NumbersFixtures.state()
        for second in 1...30 {
            NumbersFixtures.feed(&state, ProbeSample.timedOut(probe: "api", time: NumbersFixtures.start.addingTimeInterval(Double(second)),
                                                              timeout: 2, error: "timeout after 2s"))
        }
        let snapshot = IncidentSnapshot(state: state, actions: [], takenAt: NumbersFixtures.start.addingTimeInterval(31))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(IncidentSnapshotJSON.text(snapshot).utf8)) as? [String: Any])
        let probe = try #require((object["probes"] as? [[String: Any]])?.first)
        let minute = try #require((probe["stats"] as? [String: Any])?["1m"] as? [String: Any])
        #expect(minute["p95_ms"] as? Double == 2000)
        #expect(minute["p95_is_lower_bound"] as? Bool == true)
        #expect(minute["timed_out"] as? Int == 30)
        #expect((probe["samples"] as? [[String: Any]])?.first?["latency_is_lower_bound"] as? Bool == true)
        let markdown = IncidentSnapshotMarkdown.text(snapshot)
        #expect(markdown.contains("| api   | http | down   | ≥ 2.0 s | ≥ 2.0 s | ≥ 2.0 s | ≥ 2.0 s | ≥ 2.0 s |"), "\(markdown)")
        #expect(markdown.contains("30 checks ran out of the 2s timeout"))
    }
}
