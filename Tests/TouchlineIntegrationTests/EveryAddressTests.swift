import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// A name that resolves to `::1` first and `127.0.0.1` second (Debian's /etc/hosts does this for
/// `localhost`) while the server listens on IPv4 only: every probe kind tries each address in order
/// within its one deadline and is up.
///
/// The name is pinned in-process (``Resolver/pinned``), so the test needs no line in this machine's
/// hosts file; a second test uses `localhost` itself where the system resolver gives `::1` first.
@Suite("Every resolved address", .serialized)
struct EveryAddressTests {
    static let dualName = "dual-stack.touchline.test"
    /// A name whose first address never answers (an unused on-link documentation address).
    static let deadFirstName = "dead-first.touchline.test"

    init() {
        Resolver.pinned.pin(Self.dualName, to: ["::1", "127.0.0.1"])
        Resolver.pinned.pin(Self.deadFirstName, to: ["192.0.2.1", "127.0.0.1"])
    }

    private func probe(_ kind: ProbeKind, host: String, port: Int) -> ProbeConfig {
        let address = HostPort(host: host, port: port)
        let target: ProbeTarget
        switch kind {
        case .http:
            target = .http(HTTPProbeTarget(url: "http://\(host):\(port)/health", address: address, path: "/health",
                                           expectStatus: [], statusField: "status", versionField: nil))
        case .tcp: target = .tcp(address)
        case .redis: target = .redis(address: address, passwordEnv: nil)
        case .postgres: target = .postgres(dsn: "host=\(host) port=\(port)", passwordEnv: nil)
        case .prometheus: target = .prometheus(PrometheusProbeTarget(url: "http://\(host):\(port)", address: address, query: "up"))
        }
        return ProbeConfig(name: kind.rawValue, interval: 1, timeout: 1, latencyWarn: nil, target: target)
    }

    private func check(_ config: ProbeConfig) -> ProbeSample {
        let checker = CheckerFactory.make(config, environment: [:])
        defer { checker.close() }
        return checker.check()
    }

    /// Redis, an HTTP server and a TCP listener, all on 127.0.0.1 only, checked at `host`.
    private func checkAllKinds(host: String) throws {
        let redis = try PrivateRedis()
        defer { redis.stop(removing: true) }
        let body = #"{"status":"ok"}"#
        let http = try LocalListener(.respond(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8),
                                              keepOpen: false))
        defer { http.stop() }
        let tcp = try LocalListener(.silent)
        defer { tcp.stop() }
        for (kind, port) in [(ProbeKind.redis, redis.port), (.http, http.port), (.tcp, tcp.port)] {
            let sample = check(probe(kind, host: host, port: port))
            #expect(sample.status == .up, "\(kind) at \(host):\(port): \(sample.error ?? "")")
        }
    }

    @Test("the pinned name resolves to ::1 then 127.0.0.1, and ::1 refuses here")
    func pinnedOrder() throws {
        let addresses = try Resolver.resolve(host: Self.dualName, port: 6379, deadline: Deadline(seconds: 1))
        #expect(addresses.map(\.numericHost) == ["::1", "127.0.0.1"])
        let port = TestStack.freePort()
        #expect(throws: ProbeFailure.self) { try TCPSocket.connect(host: "::1", port: port, deadline: Deadline(seconds: 1)) }
    }

    @Test("redis, http and tcp at a name resolving to ::1 first, servers on 127.0.0.1 only: up")
    func ipv4OnlyServers() throws {
        try checkAllKinds(host: Self.dualName)
    }

    @Test("a first address that never answers does not starve the second: up within the 1 s deadline")
    func deadFirstAddress() throws {
        let start = Date()
        try checkAllKinds(host: Self.deadFirstName)
        #expect(Date().timeIntervalSince(start) < 3.5, "three probes of 1 s each took \(Date().timeIntervalSince(start)) s")
    }

    @Test("nothing listening on any address: down, naming every address tried, for redis, http and tcp",
          arguments: [ProbeKind.redis, .http, .tcp])
    func everyAddressRefused(kind: ProbeKind) {
        let port = TestStack.freePort()
        let start = Date()
        let sample = check(probe(kind, host: Self.dualName, port: port))
        #expect(sample.status == .down)
        #expect(sample.error == "connection refused (\(Self.dualName):\(port)) (tried ::1, 127.0.0.1)", "\(sample.error ?? "")")
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test("localhost itself, where this machine's resolver gives ::1 first: redis, http and tcp up")
    func localhostDualStack() throws {
        let order = try Resolver.resolve(host: "localhost", port: 6379, deadline: Deadline(seconds: 1)).map(\.numericHost)
        guard order.first == "::1", order.contains("127.0.0.1") else {
            print("skipped: localhost resolves to \(order) here, not ::1 first then 127.0.0.1 (see /etc/hosts); "
                  + "the pinned-name tests cover the case")
            return
        }
        try checkAllKinds(host: "localhost")
    }
}
