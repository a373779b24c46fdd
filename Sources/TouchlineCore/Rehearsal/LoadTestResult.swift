import FoundationEssentials

/// What a load test measured: requests, throughput, latency percentiles and error rate, judged against
/// the configured thresholds. Built from the raw per-request measurements by ``init(samples:wallSeconds:concurrency:maxP95:maxErrorRate:)``.
public struct LoadTestResult: Sendable, Equatable {
    /// One request as a worker saw it.
    public struct Sample: Sendable, Equatable {
        /// Seconds from sending to the whole answer (or to the failure).
        public var seconds: Double
        /// Whether it failed: no answer, or a status outside 2xx.
        public var failed: Bool
        /// Why it failed (`HTTP 503`, `timeout after 10s`), for the error summary.
        public var error: String?

        /// Creates a sample.
        public init(seconds: Double, failed: Bool, error: String? = nil) {
            self.seconds = seconds
            self.failed = failed
            self.error = error
        }
    }

    /// Requests sent and finished.
    public var requests: Int
    /// Requests that failed.
    public var errors: Int
    /// Seconds from the first worker's start to the last worker's end.
    public var wallSeconds: Double
    /// Workers that ran.
    public var concurrency: Int
    /// Requests per second over ``wallSeconds``.
    public var throughput: Double
    /// Latency percentiles over every request, failed ones included (nil when none finished).
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    /// The slowest request.
    public var max: Double?
    /// The thresholds judged against.
    public var maxP95: Double
    public var maxErrorRate: Double
    /// The most frequent failure reasons with their counts, most frequent first (at most five).
    public var errorKinds: [String]
    /// The external generator that sent the requests (`wrk (/usr/bin/wrk)`), nil for touchline's own.
    public var generator: String?

    /// Computes the figures from the samples of a run that took `wallSeconds`.
    public init(samples: [Sample], wallSeconds: Double, concurrency: Int, maxP95: Double, maxErrorRate: Double) {
        requests = samples.count
        errors = samples.filter(\.failed).count
        self.wallSeconds = wallSeconds
        self.concurrency = concurrency
        throughput = wallSeconds > 0 ? Double(samples.count) / wallSeconds : 0
        let sorted = samples.map(\.seconds).sorted()
        p50 = Percentiles.value(50, ofSorted: sorted)
        p95 = Percentiles.value(95, ofSorted: sorted)
        p99 = Percentiles.value(99, ofSorted: sorted)
        max = sorted.last
        self.maxP95 = maxP95
        self.maxErrorRate = maxErrorRate
        var counts: [String: Int] = [:]
        for sample in samples where sample.failed { counts[sample.error ?? "failed", default: 0] += 1 }
        errorKinds = counts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
            .prefix(5).map { "\($0.value)× \($0.key)" }
    }

    /// The figures of a run that an external generator (wrk) measured and summarised itself: `requests`
    /// ended (`errors` of them failed) in `wallSeconds`, `throughput` in requests per second, latency
    /// percentiles and the slowest request in seconds, and the failure reasons with their counts.
    public init(requests: Int, errors: Int, wallSeconds: Double, throughput: Double, concurrency: Int,
                p50: Double?, p95: Double?, p99: Double?, max: Double?, maxP95: Double, maxErrorRate: Double,
                errorKinds: [String], generator: String) {
        self.requests = requests
        self.errors = errors
        self.wallSeconds = wallSeconds
        self.throughput = throughput
        self.concurrency = concurrency
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
        self.maxP95 = maxP95
        self.maxErrorRate = maxErrorRate
        self.errorKinds = errorKinds
        self.generator = generator
    }

    /// The share of requests that failed (0 when none were sent).
    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : 0 }

    /// Why the result breaks a threshold, or nil when it keeps them all (no request at all breaks them).
    public var breach: String? {
        guard let p95, requests > 0 else { return "no request finished" }
        var problems: [String] = []
        if p95 >= maxP95 { problems.append("p95 \(LatencyText.format(p95)) is not under \(LatencyText.format(maxP95))") }
        if errorRate >= maxErrorRate && errors > 0 {
            problems.append("error rate \(DecimalText.fixed(errorRate * 100, digits: 2)) % is not under \(DecimalText.fixed(maxErrorRate * 100, digits: 2)) %")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// One line: `1234 requests, 123.4 req/s, p50 2.1 ms, p95 5.0 ms, p99 9.9 ms, errors 0.00 %`.
    public var summary: String {
        let percent = DecimalText.fixed(errorRate * 100, digits: 2) + " %"
        let latency = [("p50", p50), ("p95", p95), ("p99", p99)]
            .map { "\($0.0) \($0.1.map(LatencyText.format) ?? "n/a")" }.joined(separator: ", ")
        return "\(requests) requests, \(DecimalText.fixed(throughput, digits: 1)) req/s, " + latency + ", errors \(percent)"
    }
}
