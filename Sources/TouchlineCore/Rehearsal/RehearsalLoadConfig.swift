/// The load test of a rehearsal: `[environments.NAME.rehearsal.load]`.
public struct RehearsalLoadConfig: Sendable, Equatable {
    /// The defaults of the platform's own plan: 10 concurrent users for 30 s against health and prediction.
    public static let defaultEndpoints = [
        RehearsalRequest(method: "GET", path: "/health"),
        RehearsalRequest(method: "POST", path: "/api/v1/predictions/match",
                         body: #"{"home_team":"Arsenal","away_team":"Chelsea"}"#),
    ]

    /// Workers, each with one kept-alive connection, sending requests back to back.
    public var concurrency: Int
    /// Seconds the test runs.
    public var duration: Double
    /// The requests, sent in turn by every worker.
    public var endpoints: [RehearsalRequest]
    /// The 95th percentile latency must stay under this (seconds).
    public var maxP95: Double
    /// The share of failed requests must stay under this (0...1).
    public var maxErrorRate: Double
    /// Each request's time limit (seconds); a request that exceeds it counts as an error.
    public var requestTimeout: Double
    /// Who sends the requests (default: wrk when installed, else touchline's own client).
    public var generator: LoadGenerator = .auto

    /// Creates a load-test configuration (the defaults are the platform's plan).
    public init(concurrency: Int = 10, duration: Double = 30, endpoints: [RehearsalRequest] = Self.defaultEndpoints,
                maxP95: Double = 1, maxErrorRate: Double = 0.05, requestTimeout: Double = 10) {
        self.concurrency = concurrency
        self.duration = duration
        self.endpoints = endpoints
        self.maxP95 = maxP95
        self.maxErrorRate = maxErrorRate
        self.requestTimeout = requestTimeout
    }
}
