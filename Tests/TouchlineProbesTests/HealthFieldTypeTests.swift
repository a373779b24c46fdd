import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// An HTTP probe's status field against a local server writing each JSON type a service may put there.
@Suite("HTTP status field: every JSON type from a real HTTP server")
struct HealthFieldTypeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var body: String
        var field: String
        var status: ProbeStatus
        var error: String?
        var testDescription: String { "\(body) with status_field \(field)" }
    }

    static let cases: [Case] = [
        Case(body: #"{"healthy": true, "version": "9.9.9"}"#, field: "healthy", status: .up, error: nil),
        Case(body: #"{"healthy": false, "version": "9.9.9"}"#, field: "healthy", status: .down, error: "healthy: false"),
        Case(body: #"{"status": "UP", "version": "9.9.9"}"#, field: "status", status: .up, error: nil),
        Case(body: #"{"status": "warn", "version": "9.9.9"}"#, field: "status", status: .degraded, error: "status: warn"),
        Case(body: #"{"status": "fail", "version": "9.9.9"}"#, field: "status", status: .down, error: "status: fail"),
        Case(body: #"{"status": 1, "version": "9.9.9"}"#, field: "status", status: .up, error: nil),
        Case(body: #"{"status": 0, "version": "9.9.9"}"#, field: "status", status: .down, error: "status: 0"),
        Case(body: #"{"status": 503, "version": "9.9.9"}"#, field: "status", status: .down,
             error: "status: 503 is not a status (expected true/false, 1/0 or a word such as ok)"),
        Case(body: #"{"status": null, "version": "9.9.9"}"#, field: "status", status: .down, error: "status: null, no status given"),
        Case(body: #"{"status": {"indicator": "ok"}, "version": "9.9.9"}"#, field: "status", status: .down,
             error: "status is an object, not a status: point status_field at a field inside it, e.g. status.indicator"),
        Case(body: #"{"status": {"indicator": "ok"}, "version": "9.9.9"}"#, field: "status.indicator", status: .up, error: nil),
        Case(body: #"{"status": ["ok"], "version": "9.9.9"}"#, field: "status", status: .down, error: "status is an array of 1 values, not a status"),
        Case(body: #"{"status": "fail", "checks": {"db": {"status": false}, "cache": true}, "version": "9.9.9"}"#, field: "status",
             status: .down, error: "status: fail (db: false)"),
    ]

    @Test("the status and the reason as written", arguments: cases)
    func fieldType(_ item: Case) throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(item.body.utf8.count)\r\n\r\n\(item.body)"
        let listener = try LocalListener(.respond(Array(response.utf8), keepOpen: false))
        defer { listener.stop() }
        let address = HostPort(host: "127.0.0.1", port: listener.port)
        let target = HTTPProbeTarget(url: "http://127.0.0.1:\(listener.port)/health", address: address, path: "/health",
                                     expectStatus: [], statusField: item.field, versionField: "version")
        let checker = CheckerFactory.make(ProbeConfig(name: "api", interval: 1, timeout: 1, latencyWarn: nil, target: .http(target)),
                                          environment: [:])
        defer { checker.close() }
        let sample = checker.check()
        #expect(sample.status == item.status, "\(sample.error ?? "")")
        #expect(sample.error == item.error)
        #expect(sample.version == "9.9.9")
    }
}
