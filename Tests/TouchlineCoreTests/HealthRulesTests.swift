import Foundation
import Testing
@testable import TouchlineCore

@Suite("Health rules, percentiles and the sample window")
struct HealthRulesTests {
    @Test("environment status: down if any is down, else degraded if any is, else up")
    func worst() {
        #expect(ProbeStatus.worst(of: [.up, .up]) == .up)
        #expect(ProbeStatus.worst(of: [.up, .degraded, .up]) == .degraded)
        #expect(ProbeStatus.worst(of: [.degraded, .down, .up]) == .down)
        #expect(ProbeStatus.worst(of: []) == .unknown)
        #expect(ProbeStatus.up.exitCode == 0)
        #expect(ProbeStatus.degraded.exitCode == 1)
        #expect(ProbeStatus.down.exitCode == 2)
    }

    @Test("health words map to statuses", arguments: [
        ("healthy", ProbeStatus.up), ("OK", .up), ("up", .up), ("degraded", .degraded), ("unhealthy", .down), ("", .down),
    ])
    func healthWords(word: String, status: ProbeStatus) {
        #expect(ProbeStatus.fromHealthWord(word) == status)
    }

    @Test("nearest-rank percentiles")
    func percentiles() {
        let values = (1...100).map(Double.init)
        #expect(Percentiles.value(50, of: values) == 50)
        #expect(Percentiles.value(95, of: values) == 95)
        #expect(Percentiles.value(99, of: values) == 99)
        #expect(Percentiles.value(100, of: values) == 100)
        #expect(Percentiles.value(0, of: values) == 1)
        #expect(Percentiles.value(50, of: []) == nil)
        #expect(Percentiles.value(95, of: [3, 1, 2]) == 3)
    }

    @Test("latency_warn turns a slow up sample degraded, with the reason")
    func latencyWarn() {
        let slow = ProbeSample(probe: "api", time: Date(), status: .up, latency: 0.8).applyingLatencyWarn(0.5)
        #expect(slow.status == .degraded)
        #expect(slow.error == "slow: 800 ms > 500ms")
        let fast = ProbeSample(probe: "api", time: Date(), status: .up, latency: 0.1).applyingLatencyWarn(0.5)
        #expect(fast.status == .up)
        let down = ProbeSample(probe: "api", time: Date(), status: .down, latency: 0.8).applyingLatencyWarn(0.5)
        #expect(down.status == .down)
    }

    @Test("window stats over 1 and 5 minutes, setup samples and failures kept out of latency")
    func windowStats() {
        let now = Date(timeIntervalSince1970: 10_000)
        var window = SampleWindow()
        window.append(ProbeSample(probe: "a", time: now.addingTimeInterval(-299), status: .up, latency: 5, includesSetup: true))
        for second in 0..<240 {
            window.append(ProbeSample(probe: "a", time: now.addingTimeInterval(Double(-300 + second)), status: .up,
                                      latency: 0.010))
        }
        for second in 0..<60 {
            let failing = second % 10 == 0
            window.append(ProbeSample(probe: "a", time: now.addingTimeInterval(Double(-59 + second)),
                                      status: failing ? .down : .up, latency: failing ? nil : Double(second + 1) / 1000))
        }
        let minute = window.stats(over: 60, now: now)
        #expect(minute.count == 60)
        #expect(minute.errorRate == 6.0 / 60.0)
        #expect(minute.availability == 54.0 / 60.0)
        #expect(minute.p99 == 0.060)
        let five = window.stats(over: 300, now: now)
        #expect(five.count == 301)
        #expect(five.p50 == 0.010)
        #expect((five.p99 ?? 0) < 1, "the setup sample of 5 s must not count")
    }

    @Test("the window keeps at least 10 minutes and drops what is older than its retention")
    func retention() {
        var window = SampleWindow()
        let start = Date(timeIntervalSince1970: 0)
        for second in 0..<3600 {
            window.append(ProbeSample(probe: "a", time: start.addingTimeInterval(Double(second)), status: .up, latency: 0.001))
        }
        #expect(window.retained.count == 901)
        #expect(window.retention >= 600)
        #expect(window.samples.count < 1900, "storage stays bounded")
    }

    @Test("data older than three intervals is stale")
    func staleness() {
        var window = SampleWindow()
        let now = Date()
        #expect(window.isStale(now: now, interval: 1))
        window.append(ProbeSample(probe: "a", time: now.addingTimeInterval(-2.5), status: .up, latency: 0.001))
        #expect(!window.isStale(now: now, interval: 1))
        #expect(window.isStale(now: now.addingTimeInterval(1), interval: 1))
    }
}

@Suite("Sample size in the history window")
struct SampleSizeTests {
    @Test("a sample stays small whatever its metrics: 15 minutes of 500 probes fit in well under 100 MB")
    func stride() {
        #expect(MemoryLayout<ProbeMetrics>.stride <= 16)
        #expect(MemoryLayout<ProbeSample>.stride <= 112, "\(MemoryLayout<ProbeSample>.stride) bytes")
    }
}

@Suite("Sample window memory")
struct SampleWindowMemoryTests {
    @Test("after hours of samples the window holds the retention plus at most the expired slack")
    func plateau() {
        var window = SampleWindow(retention: 900)
        let start = Date(timeIntervalSince1970: 0)
        for second in 0..<(3 * 3600) {
            window.append(ProbeSample(probe: "api", time: start.addingTimeInterval(Double(second)), status: .up, latency: 0.01))
            #expect(window.samples.count <= 901 + SampleWindow.expiredSlack)
        }
        #expect(window.retained.count == 901)
        #expect(window.samples.capacity <= 2 * (901 + SampleWindow.expiredSlack))
    }
}
