@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
import TouchlineProbes

/// The HTTP checker keeps the response's status line, headers and body start for the detail view,
/// never the request's headers (whose values may come from `${ENV}` secrets).
@Suite("HTTP checker: the last response captured for the detail view")
struct HTTPResponseCaptureProbeTests {
    @Test("503 with a JSON body: status line, response headers in order, the body; the request's secret header absent")
    func captured() throws {
        let body = #"{"error":"injected fault","detail":"forced HTTP 503"}"# + String(repeating: " ", count: 3000)
        let head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nX-Request-Id: abc-123\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n"
        let listener = try LocalListener(.respondEach(Array((head + body).utf8)))
        defer { listener.stop() }
        let secret = "tl-secret-\(UUID().uuidString.prefix(12))"
        var target = HTTPProbeTarget(url: "http://127.0.0.1:\(listener.port)/health", address: HostPort(host: "127.0.0.1", port: listener.port),
                                     path: "/health", expectStatus: [200], statusField: nil, versionField: nil)
        target.headers = [HTTPHeaderTemplate(name: "Authorization", template: "Bearer ${API_TOKEN}")]
        let config = ProbeConfig(name: "api", interval: 1, timeout: 2, latencyWarn: nil, target: .http(target))
        let checker = HTTPChecker(config: config, target: target, environment: ["API_TOKEN": secret])
        defer { checker.close() }
        let sample = checker.check()
        guard case .http(let snapshot) = sample.metrics, let capture = snapshot.capture else {
            Issue.record("no capture in \(sample)")
            return
        }
        #expect(sample.status == .down)
        #expect(capture.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(capture.headerLines.prefix(2) == ["Content-Type: application/json", "X-Request-Id: abc-123"])
        #expect(capture.bodyPrefix.hasPrefix(#"{"error":"injected fault","detail":"forced HTTP 503"}"#))
        #expect(capture.bodyPrefix.utf8.count == HTTPResponseCapture.bodyLimit && capture.bodyBytes == body.utf8.count)
        #expect(!"\(capture)".contains(secret) && !"\(capture)".contains("Authorization"))
    }
}
