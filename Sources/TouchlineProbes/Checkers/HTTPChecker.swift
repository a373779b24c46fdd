import FoundationEssentials
import TouchlineCore

/// Checks an HTTP(S) endpoint through libcurl: status code, latency and timing phases, the certificate's
/// expiry, and optional JSON status and version fields.
///
/// One libcurl handle per probe, kept across polls, so its connection is reused; a check that had to open
/// one (`CURLINFO_NUM_CONNECTS` > 0) is marked ``ProbeSample/includesSetup`` and stays out of the latency
/// percentiles, unless it timed out (then its timeout counts as a lower bound).
public final class HTTPChecker: ProbeChecker {
    public let config: ProbeConfig
    private let target: HTTPProbeTarget
    private let client: CurlEasy
    private let request: CurlRequest
    /// The leaf certificate read on the last new connection.
    private var certificate: CertificateSummary?

    /// Creates a checker for `target`; header values take their `${VARIABLES}` from `environment`, whose
    /// `NO_PROXY` is added to loopback's; the body is capped at `bodyLimit` bytes.
    public init(config: ProbeConfig, target: HTTPProbeTarget, environment: [String: String] = [:],
                bodyLimit: Int = 1024 * 1024) {
        self.config = config
        self.target = target
        var setup = CurlEasy.Setup()
        setup.bodyLimit = bodyLimit
        setup.followRedirects = target.followRedirects
        setup.proxy = target.proxy
        setup.noProxy = environment["NO_PROXY"] ?? environment["no_proxy"]
        setup.tls = target.tls
        setup.readCertificates = target.isHTTPS
        client = CurlEasy(setup)
        // A line break from the environment would start another header: dropped.
        var headers = target.headers.map { header in
            "\(header.name): " + String(String.UnicodeScalarView(header.resolved(in: environment).unicodeScalars.filter { $0 != "\r" && $0 != "\n" }))
        }
        if target.body != nil, !target.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.append("Content-Type: application/json")
        }
        request = CurlRequest(url: target.url, address: target.address, method: target.method, headers: headers,
                              body: target.body.map { Array($0.utf8) }, timeout: config.timeout)
        Self.warmUp
        CurlEasy.warmUp
        SocketWait.ignoreBrokenPipes()
    }

    /// Runs the header, body and JSON code once on canned bytes, before any clock starts: in a fresh process
    /// (`touchline check`) the first pass through them pays page faults, Unicode tables (`lowercased`) and
    /// Foundation's JSON set-up, which are no part of the service's latency (libcurl's `time_total` covers
    /// the callbacks, and curl's own start-up is outside it too).
    private static let warmUp: Void = {
        let sink = CurlSink(bodyLimit: 64)
        for line in ["HTTP/1.1 200 OK\r\n", "Content-Type: application/json\r\n", "Content-Length: 15\r\n", "\r\n"] {
            Array(line.utf8).withUnsafeBytes { sink.append(headerLine: $0) }
        }
        _ = Array("{\"status\":\"ok\"}".utf8).withUnsafeBytes { sink.append(body: $0) }
        if let document = try? HealthDocument.parse(Array("{\"status\":\"ok\"}".utf8)) {
            _ = HealthDocument.field("status", in: document)?.healthStatus(field: "status")
        }
    }()

    public func check() -> ProbeSample {
        let exchange = client.perform(request)
        if exchange.newConnection { certificate = exchange.certificate }
        var snapshot = HTTPSnapshot(statusCode: exchange.response?.status ?? 0, httpVersion: exchange.httpVersion,
                                    tlsVersion: exchange.tlsVersion, timings: exchange.timings, certificate: target.isHTTPS ? certificate : nil,
                                    location: exchange.location, insecure: target.tls.insecure)
        snapshot.capture = exchange.capture
        if let failure = exchange.failure {
            var sample = failure.deadlineExceeded
                ? ProbeSample.timedOut(probe: config.name, time: Date(), timeout: config.timeout, error: failure.message)
                : ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: failure.message)
            sample.metrics = .http(snapshot)
            return sample
        }
        guard let response = exchange.response else {
            return ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: "no response")
        }
        var sample: ProbeSample
        do {
            var outcome = try evaluate(response, location: exchange.location)
            outcome.metrics = .http(snapshot)
            sample = ProbeSample(probe: config.name, time: Date(), status: outcome.status, latency: exchange.timings.total,
                                 error: outcome.error, version: outcome.version, includesSetup: exchange.newConnection,
                                 metrics: outcome.metrics).applyingLatencyWarn(config.latencyWarn)
        } catch {
            sample = ProbeSample(probe: config.name, time: Date(), status: .down, latency: nil, error: error.message,
                                 metrics: .http(snapshot))
        }
        return judgingExpiry(sample)
    }

    public func close() { client.close() }

    /// An expired leaf certificate (reachable with `insecure = true`) is down; one expiring within
    /// `cert_expiry_warn` turns an up sample degraded: `certificate expires in 9d (2026-12-09)`.
    private func judgingExpiry(_ sample: ProbeSample) -> ProbeSample {
        guard let certificate, target.isHTTPS else { return sample }
        let now = Date()
        var copy = sample
        let days = certificate.daysLeft(at: now)
        if certificate.notAfter <= now {
            copy.status = .down
            copy.error = "certificate expired \(-days)d ago (\(certificate.notAfterDay))"
        } else if sample.status == .up, certificate.notAfter.timeIntervalSince(now) < target.tls.expiryWarn {
            copy.status = .degraded
            copy.error = "certificate expires in \(days)d (\(certificate.notAfterDay))"
        }
        return copy
    }

    private func evaluate(_ response: HTTPResponse, location: String?) throws(ProbeFailure) -> CheckOutcome {
        var outcome = CheckOutcome()
        let wantsJSON = target.statusField != nil || target.versionField != nil
        let redirect = location.map { "HTTP \(response.status) → \($0)" }
        var healthWord: String?
        if wantsJSON && redirect == nil {
            let document: JSONValue
            do {
                document = try HealthDocument.parse(response.body)
            } catch {
                if target.statusField != nil || !target.accepts(status: response.status) {
                    throw ProbeFailure(target.accepts(status: response.status) ? error.message : "HTTP \(response.status); \(error.message)")
                }
                outcome.error = error.message
                return outcome
            }
            if let versionField = target.versionField {
                outcome.version = HealthDocument.field(versionField, in: document)?.versionText
            }
            if let statusField = target.statusField {
                guard let value = HealthDocument.field(statusField, in: document) else {
                    throw ProbeFailure("JSON field '\(statusField)' missing from the response")
                }
                healthWord = value.text
                let (status, reason) = value.healthStatus(field: statusField)
                outcome.status = status
                let failing = HealthDocument.failingChecks(in: document)
                if let reason {
                    outcome.error = reason + (failing.isEmpty ? "" : " (\(failing.joined(separator: ", ")))")
                }
            }
        }
        if !target.accepts(status: response.status) {
            outcome.status = .down
            outcome.error = redirect ?? ("HTTP \(response.status)" + (healthWord.map { ", \(target.statusField ?? "status"): \($0)" } ?? ""))
        }
        return outcome
    }
}
