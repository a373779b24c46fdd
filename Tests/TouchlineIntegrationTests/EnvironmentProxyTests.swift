@testable import TouchlineTestSupport
import Foundation
import Testing

/// Proxies from the environment, as the built binary (`touchline check --json`) takes them: each case runs
/// it as a child process with an environment of its own (this process's is never changed), against local
/// listeners acting as the proxy and as loopback services.
@Suite("Proxies from the environment", .serialized)
struct EnvironmentProxyTests {
    private static let body = #"{"status":"healthy","version":"direct-1"}"#
    private static let answer = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    private static let proxied = #"{"status":"healthy","version":"via-proxy"}"#

    /// A listener acting as an HTTP proxy: answers a proxied `GET http://…/health` with `via-proxy`; a `CONNECT`
    /// gets a 404 (no tunnel), which is recorded all the same.
    private static func proxy() throws -> LocalListener {
        try LocalListener(.routes(["/health": Array("HTTP/1.1 200 OK\r\nContent-Length: \(proxied.utf8.count)\r\n\r\n\(proxied)".utf8)]))
    }

    private let root = NSTemporaryDirectory() + "touchline-proxy-\(UUID().uuidString.prefix(8))"

    /// Writes a config with one http probe per (name, url, extra line) and returns its path.
    private func config(_ probes: [(String, String, String)]) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var text = "[environments.staging]\nstate_dir = \"\(root)/state\"\n"
        for (name, url, extra) in probes {
            text += """
            [[environments.staging.probes]]
            name = "\(name)"
            kind = "http"
            timeout = "2s"
            url = "\(url)"
            status_field = "status"
            version_field = "version"
            \(extra)

            """
        }
        let path = root + "/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `touchline check --json` with only `PATH`, `HOME` and `variables` in its environment; the probes by name.
    private func check(_ config: String, _ variables: [String: String]) throws -> [String: [String: Any]] {
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let environment = ["PATH": "/usr/bin:/bin", "HOME": root].merging(variables) { $1 }
        let run = ProcessRunner.runSeparately(binary, ["check", "--json", "--config", config], environment: environment, timeout: 60)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let probes = try #require(object?["probes"] as? [[String: Any]], "\(run.stdout) \(run.stderr)")
        return Dictionary(uniqueKeysWithValues: probes.compactMap { probe in (probe["name"] as? String).map { ($0, probe) } })
    }

    @Test("http_proxy carries a non-loopback name: the proxy gets the absolute-form request and its answer counts")
    func httpProxy() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let path = try config([("api", "http://api.example.invalid/health", "")])
        let probes = try check(path, ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(probes["api"]?["status"] as? String == "up", "\(probes)")
        #expect(probes["api"]?["version"] as? String == "via-proxy")
        #expect(proxy.requests.count == 1)
        #expect(proxy.requests.first?.hasPrefix("GET http://api.example.invalid/health HTTP/1.1\r\n") == true, "\(proxy.requests)")
        #expect(proxy.requests.first?.contains("\r\nHost: api.example.invalid\r\n") == true)
    }

    @Test("HTTP_PROXY in capitals is not used for http:// (curl's rule, against httpoxy): the name is resolved directly")
    func upperCaseHTTPProxyIgnored() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let path = try config([("api", "http://api.example.invalid/health", "")])
        let probes = try check(path, ["HTTP_PROXY": "http://127.0.0.1:\(proxy.port)"])
        #expect(probes["api"]?["status"] as? String == "down")
        #expect(probes["api"]?["error"] as? String == "cannot resolve api.example.invalid", "\(probes)")
        #expect(proxy.requests.isEmpty)
    }

    @Test("https_proxy and HTTPS_PROXY carry https:// through CONNECT; a refused tunnel is down saying so",
          arguments: ["https_proxy", "HTTPS_PROXY"])
    func httpsProxy(variable: String) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let path = try config([("api", "https://api.example.invalid/health", "")])
        let probes = try check(path, [variable: "http://127.0.0.1:\(proxy.port)"])
        #expect(proxy.requests.first?.hasPrefix("CONNECT api.example.invalid:443 HTTP/1.1\r\n") == true, "\(proxy.requests)")
        #expect(probes["api"]?["status"] as? String == "down")
        #expect(probes["api"]?["error"] as? String == "proxy refused the CONNECT tunnel: HTTP 404", "\(probes)")
    }

    @Test("NO_PROXY / no_proxy: an exact name, a .suffix and a bare domain are not proxied; a partial label is",
          arguments: [("NO_PROXY", "api.example.invalid", false), ("NO_PROXY", ".example.invalid", false),
                      ("no_proxy", "example.invalid", false), ("no_proxy", "other.invalid, api.example.invalid", false),
                      ("NO_PROXY", "*", false), ("NO_PROXY", "ample.invalid", true), ("no_proxy", "other.invalid", true)])
    func noProxy(variable: String, value: String, proxied: Bool) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let path = try config([("api", "http://api.example.invalid/health", "")])
        let probes = try check(path, ["http_proxy": "http://127.0.0.1:\(proxy.port)", variable: value])
        if proxied {
            #expect(probes["api"]?["version"] as? String == "via-proxy", "\(variable)=\(value): \(probes)")
            #expect(proxy.requests.count == 1)
        } else {
            #expect(probes["api"]?["error"] as? String == "cannot resolve api.example.invalid", "\(variable)=\(value): \(probes)")
            #expect(proxy.requests.isEmpty, "\(variable)=\(value)")
        }
    }

    @Test("loopback (127.0.0.1, the rest of 127.0.0.0/8, localhost, [::1]) is never proxied, with NO_PROXY unset or empty, for http and https proxies",
          arguments: [nil, ""] as [String?])
    func loopbackNeverProxied(noProxy: String?) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let v4 = try LocalListener(.respondEach(Self.answer))
        defer { v4.stop() }
        let v6 = try LocalListener(.respondEach(Self.answer), ipv6: true)
        defer { v6.stop() }
        let other = try LocalListener(.respondEach(Self.answer), address: "127.0.0.2")
        defer { other.stop() }
        let path = try config([("v4", "http://127.0.0.1:\(v4.port)/health", ""), ("name", "http://localhost:\(v4.port)/health", ""),
                               ("v6", "http://[::1]:\(v6.port)/health", ""), ("other", "http://127.0.0.2:\(other.port)/health", "")])
        var variables = ["http_proxy": "http://127.0.0.1:\(proxy.port)", "https_proxy": "http://127.0.0.1:\(proxy.port)",
                         "all_proxy": "http://127.0.0.1:\(proxy.port)"]
        if let noProxy { variables["NO_PROXY"] = noProxy }
        let probes = try check(path, variables)
        for name in ["v4", "name", "v6", "other"] {
            #expect(probes[name]?["status"] as? String == "up", "\(name): \(probes[name] ?? [:])")
            #expect(probes[name]?["version"] as? String == "direct-1", "\(name) went through the proxy")
        }
        #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        #expect(v4.requests.count == 2 && v6.requests.count == 1 && other.requests.count == 1)
    }

    @Test("proxy = \"\" in the config bypasses the environment's proxy; an explicit proxy replaces it")
    func configOverridesEnvironment() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let other = try Self.proxy()
        defer { other.stop() }
        let path = try config([("bypass", "http://api.example.invalid/health", "proxy = \"\""),
                               ("explicit", "http://api.example.invalid/health", "proxy = \"http://127.0.0.1:\(other.port)\"")])
        let probes = try check(path, ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(probes["bypass"]?["error"] as? String == "cannot resolve api.example.invalid", "\(probes)")
        #expect(probes["explicit"]?["version"] as? String == "via-proxy", "\(probes)")
        #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        #expect(other.requests.count == 1)
    }

    @Test("a dead proxy from the environment is down naming the proxy, not the service")
    func deadProxy() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dead = TestStack.freePort()
        let path = try config([("api", "http://api.example.invalid/health", ""), ("secure", "https://api.example.invalid/health", "")])
        let probes = try check(path, ["http_proxy": "http://127.0.0.1:\(dead)", "https_proxy": "http://127.0.0.1:\(dead)"])
        for name in ["api", "secure"] {
            #expect(probes[name]?["status"] as? String == "down")
            #expect(probes[name]?["error"] as? String == "connection refused by the proxy (127.0.0.1:\(dead))", "\(name): \(probes[name] ?? [:])")
        }
        let unresolvable = try check(path, ["http_proxy": "http://proxy.example.invalid:3128"])
        #expect((unresolvable["api"]?["error"] as? String)?.hasPrefix("cannot resolve the proxy") == true, "\(unresolvable)")
    }
}
