import TouchlineCore

/// Checks an HTTP endpoint: status code, latency, and optional JSON status and version fields.
public final class HTTPChecker: ProbeChecker {
    public let config: ProbeConfig
    private let target: HTTPProbeTarget
    private let connection: HTTPConnection

    /// Creates a checker for `target`; the body is capped at `bodyLimit` bytes.
    public init(config: ProbeConfig, target: HTTPProbeTarget, bodyLimit: Int = 1024 * 1024) {
        self.config = config
        self.target = target
        connection = HTTPConnection(host: target.address.host, port: target.address.port, bodyLimit: bodyLimit)
        Self.warmUp
        SocketWait.ignoreBrokenPipes()
        // A numeric address is parsed here once (no network: a name is still resolved per connection).
        _ = try? Resolver.numeric(host: target.address.host, port: target.address.port)
    }

    /// Runs the request, response and JSON code once on canned bytes, before any clock starts: in a fresh
    /// process (`touchline check`) the first pass through them pays page faults, symbol binding and
    /// Foundation's JSON set-up, which are no part of the service's latency (curl's own start-up is not in
    /// its `time_total` either).
    private static let warmUp: Void = {
        let canned = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"status\":\"ok\"}".utf8)
        var parser = HTTPResponseParser(bodyLimit: 1024, headRequest: false)
        if let response = try? parser.feed(canned), let document = try? HealthDocument.parse(response.body) {
            _ = HealthDocument.field("status", in: document)?.healthStatus(field: "status")
        }
        _ = HTTPConnection.requestBytes(host: "127.0.0.1", port: 80, method: "GET", path: "/", headers: [:], body: [])
    }()

    public func check() -> ProbeSample {
        CheckOutcome.measure(config) { deadline throws(ProbeFailure) in
            let start = ContinuousClock.now
            let (response, newConnection) = try connection.request(path: target.path, deadline: deadline)
            let latency = start.duration(to: .now).seconds
            var outcome = try evaluate(response)
            outcome.includesSetup = newConnection
            outcome.latency = latency
            return outcome
        }
    }

    public func close() { connection.close() }

    private func evaluate(_ response: HTTPResponse) throws(ProbeFailure) -> CheckOutcome {
        var outcome = CheckOutcome(metrics: .http(statusCode: response.status))
        let wantsJSON = target.statusField != nil || target.versionField != nil
        var healthWord: String?
        if wantsJSON {
            let document: HealthValue
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
            outcome.error = "HTTP \(response.status)" + (healthWord.map { ", \(target.statusField ?? "status"): \($0)" } ?? "")
        }
        return outcome
    }
}
