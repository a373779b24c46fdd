import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Probes against local listeners that misbehave: every case ends by the deadline with a clear error.
@Suite("Probe deadlines and bad servers")
struct ProbeEdgeTests {
    private func probe(_ kind: ProbeKind, port: Int, timeout: Double = 0.5, statusField: String? = "status") -> ProbeConfig {
        let address = HostPort(host: "127.0.0.1", port: port)
        let target: ProbeTarget
        switch kind {
        case .http:
            target = .http(HTTPProbeTarget(url: "http://127.0.0.1:\(port)/health", address: address, path: "/health",
                                           expectStatus: [], statusField: statusField, versionField: "version"))
        case .tcp: target = .tcp(address)
        case .postgres: target = .postgres(dsn: "host=127.0.0.1 port=\(port) dbname=x user=y connect_timeout=10", passwordEnv: nil)
        case .redis: target = .redis(address: address, passwordEnv: nil)
        case .prometheus: target = .prometheus(PrometheusProbeTarget(url: "http://127.0.0.1:\(port)", address: address, query: "up"))
        }
        return ProbeConfig(name: kind.rawValue, interval: 1, timeout: timeout, latencyWarn: nil, target: target)
    }

    private func timed(_ config: ProbeConfig) -> (ProbeSample, Double) {
        let checker = CheckerFactory.make(config, environment: [:])
        defer { checker.close() }
        let start = Date()
        let sample = checker.check()
        return (sample, Date().timeIntervalSince(start))
    }

    @Test("a listener that accepts and never answers: down by the deadline", arguments: [ProbeKind.http, .postgres, .redis])
    func silentListener(kind: ProbeKind) throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        let (sample, seconds) = timed(probe(kind, port: listener.port, timeout: 0.5))
        #expect(sample.status == .down)
        #expect(sample.error == "timeout after 500ms")
        #expect(sample.timedOut && sample.latency == 0.5, "a deadline failure carries its timeout as a lower bound")
        #expect(seconds >= 0.49 && seconds < 0.6, "took \(seconds) s")
    }

    @Test("a tcp probe of an address that never completes the handshake: down by the deadline")
    func blackholeTCP() {
        let (sample, seconds) = timed(probe(.tcp, port: 9, timeout: 0.5).with(target: .tcp(HostPort(host: "192.0.2.1", port: 9))))
        #expect(sample.status == .down)
        #expect(sample.timedOut == (sample.error == "timeout after 500ms"), "only a deadline failure is a lower bound: \(sample.error ?? "")")
        #expect(seconds < 0.6, "took \(seconds) s")
    }

    @Test("a refused port is down at once, for every kind", arguments: ProbeKind.allCases)
    func refused(kind: ProbeKind) {
        let port = TestStack.freePort()
        let (sample, seconds) = timed(probe(kind, port: port, timeout: 2))
        #expect(sample.status == .down)
        #expect(sample.error?.contains("refused") == true, "\(sample.error ?? "")")
        #expect(!sample.timedOut && sample.latency == nil, "a refusal carries no latency: error rate only")
        #expect(seconds < 0.5)
    }

    @Test("a body that never ends: down by the deadline")
    func endlessBody() throws {
        let head = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let listener = try LocalListener(.trickle(head: head, chunk: Array("1\r\nx\r\n".utf8), every: 0.05))
        defer { listener.stop() }
        let (sample, seconds) = timed(probe(.http, port: listener.port, timeout: 0.5))
        #expect(sample.status == .down)
        #expect(sample.error == "timeout after 500ms")
        #expect(sample.timedOut)
        #expect(seconds < 0.6)
    }

    @Test("half a response then silence: down by the deadline")
    func halfResponse() throws {
        let listener = try LocalListener(.respond(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"sta".utf8), keepOpen: true))
        defer { listener.stop() }
        let (sample, seconds) = timed(probe(.http, port: listener.port, timeout: 0.5))
        #expect(sample.error == "timeout after 500ms")
        #expect(seconds < 0.6)
    }

    @Test("a 50 MB body is refused at the 1 MiB cap")
    func hugeBody() throws {
        let listener = try LocalListener(.respond(Array("HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\n".utf8)
                                                  + [UInt8](repeating: 32, count: 2 << 20), keepOpen: false))
        defer { listener.stop() }
        let (sample, _) = timed(probe(.http, port: listener.port, timeout: 2))
        #expect(sample.status == .down)
        #expect(sample.error == "response body larger than 1 MiB")
    }

    @Test("invalid HTTP and invalid JSON are clear errors", arguments: [
        ("SSH-2.0-OpenSSH_9.2p1\r\n\r\n", "invalid HTTP response: no HTTP status line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nnot json!", "response body is not JSON: \"not json!\""),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", "JSON field 'status' missing from the response"),
    ])
    func invalidAnswers(response: String, error: String) throws {
        let listener = try LocalListener(.respond(Array(response.utf8), keepOpen: false))
        defer { listener.stop() }
        let (sample, _) = timed(probe(.http, port: listener.port, timeout: 2))
        #expect(sample.status == .down)
        #expect(sample.error == error)
    }

    @Test("status words: degraded and unhealthy, with the failing checks named")
    func statusWords() throws {
        let body = #"{"status":"degraded","version":"1.5.0","checks":{"database":{"status":"healthy"},"redis":{"status":"unhealthy"}}}"#
        let listener = try LocalListener(.respond(Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8),
                                                  keepOpen: false))
        defer { listener.stop() }
        let (sample, _) = timed(probe(.http, port: listener.port, timeout: 2))
        #expect(sample.status == .degraded)
        #expect(sample.version == "1.5.0")
        #expect(sample.error == "status: degraded (redis: unhealthy)")
    }

    @Test("a name that does not resolve is down with the resolver's word, by the deadline")
    func unresolvable() {
        let config = probe(.tcp, port: 80, timeout: 1).with(target: .tcp(HostPort(host: "no-such-host.invalid", port: 80)))
        let (sample, seconds) = timed(config)
        #expect(sample.status == .down)
        #expect(sample.error?.contains("no-such-host.invalid") == true)
        #expect(seconds < 1.1)
    }

    @Test("one hung probe does not delay the others in a one-shot poll")
    func oneShotIsConcurrent() throws {
        let silent = try LocalListener(.silent)
        defer { silent.stop() }
        let body = #"{"status":"healthy"}"#
        let ok = try LocalListener(.respond(Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8),
                                            keepOpen: false))
        defer { ok.stop() }
        var hung = probe(.redis, port: silent.port, timeout: 1)
        hung.name = "hung"
        let start = Date()
        let samples = OneShotPoller.poll([hung, probe(.http, port: ok.port, timeout: 1)], environment: [:])
        let seconds = Date().timeIntervalSince(start)
        #expect(samples.map(\.probe) == ["hung", "http"])
        #expect(samples[0].status == .down)
        #expect(samples[1].status == .up)
        #expect(seconds < 1.2)
    }
}

extension ProbeConfig {
    /// A copy pointing at another target.
    func with(target: ProbeTarget) -> ProbeConfig {
        var copy = self
        copy.target = target
        return copy
    }
}
