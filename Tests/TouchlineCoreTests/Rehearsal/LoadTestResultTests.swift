import Testing
@testable import TouchlineCore

/// Load-test statistics: counts, throughput, nearest-rank percentiles, error rate and the thresholds.
@Suite("Load-test statistics")
struct LoadTestResultTests {
    private func samples(_ milliseconds: [Double], failed: Set<Int> = []) -> [LoadTestResult.Sample] {
        milliseconds.enumerated().map { index, ms in
            .init(seconds: ms / 1000, failed: failed.contains(index), error: failed.contains(index) ? "HTTP 503 GET /health" : nil)
        }
    }

    @Test("100 requests of 1...100 ms over 2 s: p50 50 ms, p95 95 ms, p99 99 ms, 50 req/s")
    func percentiles() {
        let result = LoadTestResult(samples: samples((1...100).map(Double.init)), wallSeconds: 2, concurrency: 4, maxP95: 1, maxErrorRate: 0.05)
        #expect(result.requests == 100)
        #expect(result.throughput == 50)
        #expect(abs((result.p50 ?? 0) - 0.050) < 1e-9)
        #expect(abs((result.p95 ?? 0) - 0.095) < 1e-9)
        #expect(abs((result.p99 ?? 0) - 0.099) < 1e-9)
        #expect(abs((result.max ?? 0) - 0.100) < 1e-9)
        #expect(result.breach == nil)
        #expect(result.summary.contains("p95 95.0 ms"))
    }

    @Test("a p95 at the threshold breaches it and the message holds the measured p95")
    func p95Breach() {
        let result = LoadTestResult(samples: samples(Array(repeating: 1500, count: 20)), wallSeconds: 3, concurrency: 2,
                                    maxP95: 1, maxErrorRate: 0.05)
        #expect(result.breach == "p95 1.5 s is not under 1.0 s")
    }

    @Test("errors: the rate, the most frequent kinds, and a breach at 5 %")
    func errors() {
        let result = LoadTestResult(samples: samples(Array(repeating: 10, count: 20), failed: [0, 1]), wallSeconds: 1,
                                    concurrency: 1, maxP95: 1, maxErrorRate: 0.05)
        #expect(result.errors == 2)
        #expect(result.errorRate == 0.1)
        #expect(result.errorKinds == ["2× HTTP 503 GET /health"])
        #expect(result.breach == "error rate 10.00 % is not under 5.00 %")
    }

    @Test("no request at all is a breach, not a pass")
    func empty() {
        let result = LoadTestResult(samples: [], wallSeconds: 1, concurrency: 1, maxP95: 1, maxErrorRate: 0.05)
        #expect(result.p95 == nil)
        #expect(result.throughput == 0)
        #expect(result.breach == "no request finished")
    }
}
