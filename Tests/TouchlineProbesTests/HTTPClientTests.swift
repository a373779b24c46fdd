@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// The libcurl client against local listeners: answers the hand-written client got wrong, kept-alive
/// connections, timing phases, redirects, IPv6 literals, request options and proxies.
@Suite("HTTP client (libcurl)")
struct HTTPClientTests {
    /// An http probe read from config lines, the way a user writes it.
    static func probe(_ lines: String, timeout: String = "2s", environment: [String: String] = [:]) throws -> ProbeConfig {
        let text = """
        [environments.test]
        [[environments.test.probes]]
        name = "api"
        kind = "http"
        timeout = "\(timeout)"
        \(lines)
        """
        let config = try ConfigLoader.parse(text, file: "test.toml", baseDirectory: NSTemporaryDirectory(), environment: environment)
        return try #require(config.environments.first?.probes.first)
    }

    static func http(_ status: String = "200 OK", version: String = "HTTP/1.1", body: String = #"{"status":"healthy","version":"2.0.1"}"#,
                     headers: [String] = []) -> [UInt8] {
        let head = (["\(version) \(status)", "Content-Type: application/json", "Content-Length: \(body.utf8.count)"] + headers)
            .joined(separator: "\r\n")
        return Array("\(head)\r\n\r\n\(body)".utf8)
    }

    static func check(_ config: ProbeConfig, environment: [String: String] = [:], times: Int = 1) -> [ProbeSample] {
        let checker = CheckerFactory.make(config, environment: environment)
        defer { checker.close() }
        return (0..<times).map { _ in checker.check() }
    }

    static func snapshot(_ sample: ProbeSample) -> HTTPSnapshot? {
        if case .http(let http) = sample.metrics { return http }
        return nil
    }

    @Test("1xx answers before the 200 are skipped: up, with the 200's protocol version", arguments: [
        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.js>; rel=preload\r\n\r\n",
    ])
    func informationalFirst(preamble: String) throws {
        let listener = try LocalListener(.respond(Array(preamble.utf8) + Self.http(version: "HTTP/1.0"), keepOpen: false))
        defer { listener.stop() }
        let sample = try #require(Self.check(try Self.probe("url = \"http://127.0.0.1:\(listener.port)/health\"\nstatus_field = \"status\"\nversion_field = \"version\"")).first)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        #expect(sample.version == "2.0.1")
        #expect(Self.snapshot(sample)?.statusCode == 200)
        #expect(Self.snapshot(sample)?.httpVersion == "HTTP/1.0")
    }

    @Test("Content-Length sent twice with the same value is accepted")
    func duplicatedContentLength() throws {
        let body = #"{"status":"healthy"}"#
        let listener = try LocalListener(.respond(Self.http(body: body, headers: ["Content-Length: \(body.utf8.count)"]), keepOpen: false))
        defer { listener.stop() }
        let sample = try #require(Self.check(try Self.probe("url = \"http://127.0.0.1:\(listener.port)/health\"\nstatus_field = \"status\"")).first)
        #expect(sample.status == .up, "\(sample.error ?? "")")
    }

    @Test("a redirect names its Location, and is followed when asked")
    func redirect() throws {
        let listener = try LocalListener(.routes([
            "/health": Array("HTTP/1.1 301 Moved Permanently\r\nLocation: /health/\r\nContent-Length: 0\r\n\r\n".utf8),
            "/health/": Self.http(),
        ]))
        defer { listener.stop() }
        let url = "url = \"http://127.0.0.1:\(listener.port)/health\"\nstatus_field = \"status\""
        let unfollowed = try #require(Self.check(try Self.probe(url)).first)
        #expect(unfollowed.status == .down)
        #expect(unfollowed.error == "HTTP 301 → /health/")
        #expect(Self.snapshot(unfollowed)?.location == "/health/")
        let followed = try #require(Self.check(try Self.probe(url + "\nfollow_redirects = true")).first)
        #expect(followed.status == .up, "\(followed.error ?? "")")
        #expect(Self.snapshot(followed)?.statusCode == 200)
    }

    @Test("an IPv6 literal URL reaches a listener on ::1")
    func ipv6Literal() throws {
        let listener = try LocalListener(.respond(Self.http(), keepOpen: false), ipv6: true)
        defer { listener.stop() }
        let config = try Self.probe("url = \"http://[::1]:\(listener.port)/health\"\nstatus_field = \"status\"")
        guard case .http(let target) = config.target else { Issue.record("not http"); return }
        #expect(target.address == HostPort(host: "::1", port: listener.port), "the brackets are not part of the host")
        let sample = try #require(Self.check(config).first)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        #expect(config.target.displayTarget == "http://[::1]:\(listener.port)/health")
    }

    @Test("the connection is kept between polls: only the first check opens one and it has the phases")
    func keptAlive() throws {
        let listener = try LocalListener(.respondEach(Self.http()))
        defer { listener.stop() }
        let samples = Self.check(try Self.probe("url = \"http://127.0.0.1:\(listener.port)/health\"\nstatus_field = \"status\""), times: 4)
        #expect(samples.allSatisfy { $0.status == .up })
        #expect(samples.map(\.includesSetup) == [true, false, false, false], "only the first check opened a connection")
        #expect(listener.accepted == 1)
        let first = try #require(Self.snapshot(samples[0])?.timings)
        #expect(first.connect > 0 && first.connect <= first.starttransfer && first.starttransfer <= first.total)
        #expect(first.appconnect == 0, "no TLS on plain http")
        #expect(samples[0].latency == first.total, "the latency is curl's time_total")
        let later = try #require(Self.snapshot(samples[2])?.timings)
        #expect(later.connect == 0, "a reused connection has no connect phase")
        #expect(SampleSummary.detail(samples[1]).hasPrefix("HTTP 200 · dns "), "\(SampleSummary.detail(samples[1]))")
    }

    @Test("timings_ms in the check JSON under curl's names")
    func timingsJSON() throws {
        let listener = try LocalListener(.respondEach(Self.http()))
        defer { listener.stop() }
        let sample = try #require(Self.check(try Self.probe("url = \"http://127.0.0.1:\(listener.port)/health\"")).first)
        let fields = MetricsJSON.object(for: sample.metrics)
        guard case .object(let timings)? = fields["timings_ms"] else { Issue.record("no timings_ms: \(fields)"); return }
        #expect(Set(timings.keys) == ["time_namelookup", "time_connect", "time_appconnect", "time_starttransfer", "time_total"])
        #expect(fields["http_version"] == .string("HTTP/1.1"))
        #expect(fields["status_code"] == .integer(200))
    }

    @Test("answers that are not HTTP are down with a reason, by the deadline", arguments: [
        "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 12\r\n\r\n0123456789AB",
    ])
    func garbage(response: String) throws {
        let listener = try LocalListener(.respond(Array(response.utf8), keepOpen: true))
        defer { listener.stop() }
        let start = Date()
        let sample = try #require(Self.check(try Self.probe("url = \"http://127.0.0.1:\(listener.port)/health\"\nstatus_field = \"status\"",
                                                            timeout: "500ms")).first)
        #expect(sample.status == .down)
        #expect(sample.error?.isEmpty == false)
        #expect(Date().timeIntervalSince(start) < 0.6)
    }

    @Test("method, body and headers are sent; header values take ${VARIABLES} from the environment")
    func requestOptions() throws {
        let listener = try LocalListener(.respond(Self.http(), keepOpen: false))
        defer { listener.stop() }
        let environment = ["API_TOKEN": "s3cr3t-token-value"]
        let config = try Self.probe("""
            url = "http://127.0.0.1:\(listener.port)/health"
            method = "post"
            body = '{"probe":true}'
            status_field = "status"
            [environments.test.probes.headers]
            Authorization = "Bearer ${API_TOKEN}"
            X-Probe = "touchline"
            """, environment: environment)
        let sample = try #require(Self.check(config, environment: environment).first)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        let request = try #require(listener.requests.first)
        #expect(request.hasPrefix("POST /health HTTP/1.1\r\n"))
        #expect(request.contains("Authorization: Bearer s3cr3t-token-value\r\n"))
        #expect(request.contains("X-Probe: touchline\r\n"))
        #expect(request.contains("Content-Type: application/json\r\n"))
        #expect(request.contains("Content-Length: 14\r\n"))
        #expect(!config.target.displayTarget.contains("s3cr3t"))
    }

    @Test("an explicit proxy carries other hosts; loopback is never proxied; proxy = \"\" bypasses")
    func proxies() throws {
        let proxy = try LocalListener(.routes(["/health": Self.http()]))
        defer { proxy.stop() }
        let direct = try LocalListener(.respond(Self.http(), keepOpen: false))
        defer { direct.stop() }
        let viaProxy = try #require(Self.check(try Self.probe("""
            url = "http://api.example.invalid/health"
            proxy = "http://127.0.0.1:\(proxy.port)"
            """)).first)
        #expect(viaProxy.status == .up, "\(viaProxy.error ?? "")")
        #expect(proxy.requests.first?.hasPrefix("GET http://api.example.invalid/health HTTP/1.1") == true)
        let loopback = try #require(Self.check(try Self.probe("""
            url = "http://127.0.0.1:\(direct.port)/health"
            proxy = "http://127.0.0.1:\(TestStack.freePort())"
            """)).first)
        #expect(loopback.status == .up, "loopback went to the (dead) proxy: \(loopback.error ?? "")")
        let bypass = try #require(Self.check(try Self.probe("url = \"http://api.example.invalid/health\"\nproxy = \"\"")).first)
        #expect(bypass.error == "cannot resolve api.example.invalid")
    }

    @Test("a name that does not resolve and a black-holed address are down by the deadline", arguments: [
        ("http://no-such-host.invalid/health", "cannot resolve no-such-host.invalid"),
        ("http://192.0.2.1:9/health", "timeout after 500ms"),
    ])
    func unreachable(url: String, error: String) throws {
        let start = Date()
        let sample = try #require(Self.check(try Self.probe("url = \"\(url)\"\nproxy = \"\"", timeout: "500ms")).first)
        #expect(sample.status == .down)
        // This sandbox may answer off-subnet addresses itself (refusing them); elsewhere they time out.
        #expect(sample.error == error || (url.contains("192.0.2.1") && sample.error?.contains("refused") == true), "\(sample.error ?? "")")
        #expect(sample.timedOut == (sample.error == "timeout after 500ms"), "only a deadline failure is a lower bound")
        #expect(Date().timeIntervalSince(start) < 0.6)
    }
}
