import FoundationEssentials
import TouchlineCore

/// Runs a prometheus probe's PromQL instant query through libcurl (`GET {url}/api/v1/query?query=…`)
/// and judges the answer with ``PrometheusEvaluation``.
///
/// One libcurl handle per probe, kept across polls (the connection is reused). The whole exchange has the
/// probe's timeout. Prometheus stopped, slow past the timeout, answering 500, answering something that is
/// not its JSON, or `{"status":"error"}` are each a `down` sample whose error says which, and the next poll
/// starts afresh, so the probe recovers by itself.
public final class PrometheusChecker: ProbeChecker {
    public let config: ProbeConfig
    private let target: PrometheusProbeTarget
    private let client: CurlEasy
    private let request: CurlRequest

    /// The largest answer read, in bytes (a fleet's `up` over thousands of targets is a few MB).
    public static let bodyLimit = 64 * 1024 * 1024

    /// Creates a checker for `target`; `environment` supplies `NO_PROXY`.
    public init(config: ProbeConfig, target: PrometheusProbeTarget, environment: [String: String] = [:]) {
        self.config = config
        self.target = target
        var setup = CurlEasy.Setup()
        setup.bodyLimit = Self.bodyLimit
        setup.noProxy = environment["NO_PROXY"] ?? environment["no_proxy"]
        client = CurlEasy(setup)
        request = CurlRequest(url: target.queryURL + "?" + Self.formBody(query: target.query), address: target.address,
                              headers: ["Accept: application/json"], timeout: config.timeout)
        SocketWait.ignoreBrokenPipes()
    }

    /// `query=<percent-encoded PromQL>` (every byte but the unreserved ones encoded), the request's query string.
    public static func formBody(query: String) -> String {
        var body = "query="
        for byte in query.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                body.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                body.unicodeScalars.append("%")
                body.unicodeScalars.append(hex[Int(byte >> 4)])
                body.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return body
    }

    public func check() -> ProbeSample {
        let exchange = client.perform(request)
        if let failure = exchange.failure {
            let message = "Prometheus \(target.address): \(failure.message)"
            return failure.deadlineExceeded
                ? ProbeSample.timedOut(probe: config.name, time: Date(), timeout: config.timeout, error: message)
                : ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: message)
        }
        guard let response = exchange.response else {
            return ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: "no response from Prometheus")
        }
        let outcome = Self.judge(status: response.status, body: response.body, target: target)
        var sample = ProbeSample(probe: config.name, time: Date(), status: outcome.status, latency: exchange.timings.total,
                                 error: outcome.error, includesSetup: exchange.newConnection)
        if let snapshot = outcome.snapshot { sample.metrics = .prometheus(snapshot) }
        return sample.applyingLatencyWarn(config.latencyWarn)
    }

    /// The outcome of an answer with HTTP `status` and `body`: Prometheus's JSON when it is that (an error
    /// comes with 400, 422 or 503 and `"status": "error"`), else `HTTP 500 from Prometheus` or `invalid JSON`.
    public static func judge(status: Int, body: [UInt8], target: PrometheusProbeTarget) -> PrometheusEvaluation.Outcome {
        let result: PrometheusQueryResult
        do {
            result = try PrometheusResponseParser.parse(body)
        } catch {
            let preview = TextPreview.of(body)
            if !(200...299).contains(status) {
                return .init(status: .down, error: "HTTP \(status) from Prometheus" + (preview.isEmpty ? "" : ": \(preview)"), snapshot: nil)
            }
            return .init(status: .down, error: "not a Prometheus answer: \(error.message)", snapshot: nil)
        }
        if case .success = result, !(200...299).contains(status) {
            return .init(status: .down, error: "HTTP \(status) from Prometheus", snapshot: nil)
        }
        return PrometheusEvaluation.evaluate(result, target: target)
    }

    public func close() { client.close() }
}
