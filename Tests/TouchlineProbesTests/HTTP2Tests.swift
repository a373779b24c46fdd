@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// HTTP/2 when the server offers it over TLS: an http probe against nghttpd (a real HTTP/2-only server,
/// ALPN `h2`) with a certificate of a private CA made in the test, and against a TLS server that offers
/// only HTTP/1.1 (Python's `ssl`, no ALPN).
@Suite("HTTP/2 over TLS", .serialized)
struct HTTP2Tests {
    private let tls: TLSFixture
    private let documentRoot: String

    init() throws {
        tls = try TLSFixture()
        documentRoot = tls.directory + "/htdocs"
        try FileManager.default.createDirectory(atPath: documentRoot, withIntermediateDirectories: true)
        try #"{"status":"healthy","version":"h2-7"}"#.write(toFile: documentRoot + "/health", atomically: true, encoding: .utf8)
        try #"{"status":"failing","version":"h2-7"}"#.write(toFile: documentRoot + "/failing", atomically: true, encoding: .utf8)
    }

    private func probe(port: Int, path: String = "/health") throws -> ProbeConfig {
        try HTTPClientTests.probe("""
            url = "https://localhost:\(port)\(path)"
            status_field = "status"
            version_field = "version"
            ca_file = "\(tls.caFile)"
            """)
    }

    private func h2Server() throws -> HTTP2Server {
        let (cert, key) = try tls.issue("h2")
        return try HTTP2Server(cert: cert, key: key, documentRoot: documentRoot)
    }

    @Test("nghttpd over TLS: up through ca_file, HTTP/2 negotiated, status and JSON fields read, the connection reused")
    func negotiatesHTTP2() throws {
        defer { tls.remove() }
        let server = try h2Server()
        defer { server.stop() }
        let samples = HTTPClientTests.check(try probe(port: server.port), times: 2)
        #expect(samples[0].status == .up, "\(samples[0].error ?? "")")
        #expect(samples[0].version == "h2-7", "the version field is read from the HTTP/2 body")
        let http = try #require(HTTPClientTests.snapshot(samples[0]))
        #expect(http.httpVersion == "HTTP/2")
        #expect(http.statusCode == 200)
        #expect(http.tlsVersion == "TLSv1.3")
        #expect(http.capture?.statusLine == "HTTP/2 200", "\(http.capture?.statusLine ?? "none")")
        #expect(http.certificate?.issuer.contains("touchline test CA") == true)
        #expect(samples[1].status == .up, "\(samples[1].error ?? "")")
        #expect(samples[1].includesSetup == false, "the HTTP/2 connection is kept across polls")
        #expect(HTTPClientTests.snapshot(samples[1])?.httpVersion == "HTTP/2")
        #expect(MetricsJSON.object(for: samples[0].metrics)["http_version"] == .string("HTTP/2"))
    }

    @Test("over HTTP/2 a failing status field and a 404 are read as over HTTP/1.1")
    func http2Failures() throws {
        defer { tls.remove() }
        let server = try h2Server()
        defer { server.stop() }
        let failing = try #require(HTTPClientTests.check(try probe(port: server.port, path: "/failing")).first)
        #expect(failing.status == .down, "\(failing.error ?? "")")
        #expect(failing.error?.contains("failing") == true, "\(failing.error ?? "")")
        #expect(HTTPClientTests.snapshot(failing)?.httpVersion == "HTTP/2")
        let missing = try #require(HTTPClientTests.check(try probe(port: server.port, path: "/missing")).first)
        #expect(missing.status == .down)
        #expect(missing.error?.hasPrefix("HTTP 404") == true, "\(missing.error ?? "")")
        #expect(HTTPClientTests.snapshot(missing)?.statusCode == 404)
        #expect(HTTPClientTests.snapshot(missing)?.capture?.statusLine == "HTTP/2 404")
    }

    @Test("a TLS server that offers only HTTP/1.1 is spoken to in HTTP/1.1")
    func http11OverTLS() throws {
        defer { tls.remove() }
        let (cert, key) = try tls.issue("h1")
        let server = try TLSServer(cert: cert, key: key, in: tls.directory)
        defer { server.stop() }
        let sample = try #require(HTTPClientTests.check(try probe(port: server.port)).first)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        #expect(sample.version == "tls-1")
        let http = try #require(HTTPClientTests.snapshot(sample))
        #expect(http.httpVersion == "HTTP/1.1")
        #expect(http.capture?.statusLine.hasPrefix("HTTP/1.1 200") == true, "\(http.capture?.statusLine ?? "none")")
    }

    @Test("touchline check --json reports http_version HTTP/2 for nghttpd and HTTP/1.1 for an HTTP/1.1-only TLS server")
    func checkJSON() throws {
        defer { tls.remove() }
        let h2 = try h2Server()
        defer { h2.stop() }
        let (cert, key) = try tls.issue("h1")
        let h1 = try TLSServer(cert: cert, key: key, in: tls.directory)
        defer { h1.stop() }
        let config = tls.directory + "/config.toml"
        var text = "[environments.staging]\nstate_dir = \"\(tls.directory)/state\"\n"
        for (name, port) in [("h2", h2.port), ("h1", h1.port)] {
            text += """
            [[environments.staging.probes]]
            name = "\(name)"
            kind = "http"
            url = "https://localhost:\(port)/health"
            status_field = "status"
            version_field = "version"
            ca_file = "\(tls.caFile)"

            """
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let run = ProcessRunner.runSeparately(binary, ["check", "--json", "--config", config],
                                              environment: ["PATH": "/usr/bin:/bin", "HOME": tls.directory], timeout: 60)
        #expect(run.code == 0, "\(run.stdout) \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let probes = try #require(object?["probes"] as? [[String: Any]], "\(run.stdout)")
        let byName = Dictionary(uniqueKeysWithValues: probes.compactMap { probe in (probe["name"] as? String).map { ($0, probe) } })
        let h2Metrics = try #require(byName["h2"]?["metrics"] as? [String: Any], "\(run.stdout)")
        #expect(byName["h2"]?["status"] as? String == "up", "\(run.stdout)")
        #expect(byName["h2"]?["version"] as? String == "h2-7")
        #expect(h2Metrics["http_version"] as? String == "HTTP/2", "\(run.stdout)")
        #expect(h2Metrics["status_code"] as? Int == 200, "\(run.stdout)")
        let h1Metrics = try #require(byName["h1"]?["metrics"] as? [String: Any], "\(run.stdout)")
        #expect(byName["h1"]?["status"] as? String == "up", "\(run.stdout)")
        #expect(h1Metrics["http_version"] as? String == "HTTP/1.1", "\(run.stdout)")
    }
}
