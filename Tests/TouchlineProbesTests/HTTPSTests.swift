@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// HTTPS probes against local Python `ssl` servers presenting certificates of a private CA made with openssl
/// in the test: verification, errors in words, certificate expiry, mutual TLS, a handshake that never ends.
@Suite("HTTPS probes", .serialized)
struct HTTPSTests {
    private let tls: TLSFixture

    init() throws {
        tls = try TLSFixture()
    }

    private func probe(port: Int, host: String = "localhost", extra: String = "", timeout: String = "2s") throws -> ProbeConfig {
        try HTTPClientTests.probe("""
            url = "https://\(host):\(port)/health"
            status_field = "status"
            version_field = "version"
            \(extra)
            """, timeout: timeout)
    }

    private func serve(_ name: String, names: [String] = ["localhost", "127.0.0.1"], notAfter: Date = Date().addingTimeInterval(60 * 86400),
                       notBefore: Date = Date().addingTimeInterval(-86400), clientCA: String? = nil) throws -> TLSServer {
        let (cert, key) = try tls.issue(name, names: names, notBefore: notBefore, notAfter: notAfter)
        return try TLSServer(cert: cert, key: key, clientCA: clientCA, in: tls.directory)
    }

    @Test("up through ca_file, with the certificate read and the TLS phase measured")
    func upWithCAFile() throws {
        defer { tls.remove() }
        let server = try serve("good")
        defer { server.stop() }
        let samples = HTTPClientTests.check(try probe(port: server.port, extra: "ca_file = \"\(tls.caFile)\""), times: 2)
        #expect(samples[0].status == .up, "\(samples[0].error ?? "")")
        #expect(samples[0].version == "tls-1")
        let http = try #require(HTTPClientTests.snapshot(samples[0]))
        #expect((http.timings?.appconnect ?? 0) > 0, "the TLS handshake is measured")
        #expect(http.tlsVersion == "TLSv1.3")
        #expect(HTTPClientTests.snapshot(samples[1])?.tlsVersion == "TLSv1.3", "read on a reused connection too")
        let certificate = try #require(http.certificate)
        #expect(certificate.subject.contains("localhost"), "\(certificate.subject)")
        #expect(certificate.issuer.contains("touchline test CA"), "\(certificate.issuer)")
        #expect((58...60).contains(certificate.daysLeft(at: Date())))
        #expect(samples[1].includesSetup == false, "the TLS connection is reused")
        #expect(HTTPClientTests.snapshot(samples[1])?.certificate == certificate, "the certificate is kept for reused connections")
        let json = MetricsJSON.object(for: samples[0].metrics)
        guard case .object(let fields)? = json["certificate"] else { Issue.record("no certificate in \(json)"); return }
        #expect(Set(fields.keys) == ["subject", "issuer", "not_after", "days_left"])
    }

    @Test("without ca_file the private CA is not trusted: down, saying what to set")
    func untrustedCA() throws {
        defer { tls.remove() }
        let server = try serve("good")
        defer { server.stop() }
        let sample = try #require(HTTPClientTests.check(try probe(port: server.port)).first)
        #expect(sample.status == .down)
        #expect(sample.error?.hasSuffix("set ca_file") == true, "\(sample.error ?? "")")
    }

    @Test("a certificate expiring within cert_expiry_warn is degraded with the days left and the date")
    func expiring() throws {
        defer { tls.remove() }
        let server = try serve("expiring", notAfter: Date().addingTimeInterval(9 * 86400 + 600))
        defer { server.stop() }
        let sample = try #require(HTTPClientTests.check(try probe(port: server.port, extra: "ca_file = \"\(tls.caFile)\"")).first)
        let day = try #require(HTTPClientTests.snapshot(sample)?.certificate?.notAfterDay)
        #expect(sample.status == .degraded)
        #expect(sample.error == "certificate expires in 9d (\(day))")
        let relaxed = try #require(HTTPClientTests.check(try probe(port: server.port,
                                                                   extra: "ca_file = \"\(tls.caFile)\"\ncert_expiry_warn = \"7d\"")).first)
        #expect(relaxed.status == .up, "\(relaxed.error ?? "")")
    }

    @Test("an expired certificate is down: refused by verification, and also when verification is off")
    func expired() throws {
        defer { tls.remove() }
        let server = try serve("expired", notAfter: Date().addingTimeInterval(-3 * 86400), notBefore: Date().addingTimeInterval(-30 * 86400))
        defer { server.stop() }
        let verified = try #require(HTTPClientTests.check(try probe(port: server.port, extra: "ca_file = \"\(tls.caFile)\"")).first)
        #expect(verified.status == .down)
        #expect(verified.error?.hasPrefix("certificate has expired") == true, "\(verified.error ?? "")")
        let insecure = try #require(HTTPClientTests.check(try probe(port: server.port, extra: "insecure = true")).first)
        #expect(insecure.status == .down)
        #expect(insecure.error?.hasPrefix("certificate expired 3d ago") == true, "\(insecure.error ?? "")")
        #expect(SampleSummary.detail(insecure).hasPrefix("⚠ insecure TLS · "), "the row warns of insecure")
    }

    @Test("a certificate for another name is down naming both names")
    func wrongHost() throws {
        defer { tls.remove() }
        let server = try serve("other", names: ["other.example"])
        defer { server.stop() }
        let sample = try #require(HTTPClientTests.check(try probe(port: server.port, extra: "ca_file = \"\(tls.caFile)\"")).first)
        #expect(sample.status == .down)
        #expect(sample.error == "hostname mismatch: certificate is for other.example, not localhost", "\(sample.error ?? "")")
    }

    @Test("a listener that accepts TCP and never completes the handshake is down by the deadline")
    func silentHandshake() throws {
        defer { tls.remove() }
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        let start = Date()
        let sample = try #require(HTTPClientTests.check(try probe(port: listener.port, extra: "ca_file = \"\(tls.caFile)\"",
                                                                  timeout: "500ms")).first)
        let seconds = Date().timeIntervalSince(start)
        #expect(sample.error == "timeout after 500ms")
        #expect(sample.timedOut && sample.latency == 0.5)
        #expect(seconds >= 0.49 && seconds < 0.6, "took \(seconds) s")
    }

    @Test("mutual TLS: up with client_cert and client_key, down saying so without them")
    func mutualTLS() throws {
        defer { tls.remove() }
        let server = try serve("mtls-server", clientCA: tls.caFile)
        defer { server.stop() }
        let client = try tls.issue("client", names: ["touchline-probe"], client: true)
        let given = try #require(HTTPClientTests.check(try probe(port: server.port, extra: """
            ca_file = "\(tls.caFile)"
            client_cert = "\(client.cert)"
            client_key = "\(client.key)"
            """)).first)
        #expect(given.status == .up, "\(given.error ?? "")")
        let missing = try #require(HTTPClientTests.check(try probe(port: server.port, extra: "ca_file = \"\(tls.caFile)\"")).first)
        #expect(missing.status == .down)
        // Python's ssl (like most TLS 1.3 servers) drops the connection after the handshake, without an alert
        // curl can read; servers that send the alert get "TLS refused: the server requires a client certificate".
        #expect(missing.error == "connection closed by the server right after the TLS handshake: "
                + "it likely requires a client certificate (set client_cert and client_key)", "\(missing.error ?? "")")
    }
}
