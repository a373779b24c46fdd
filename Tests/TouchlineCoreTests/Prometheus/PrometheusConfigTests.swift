import Foundation
import Testing
@testable import TouchlineCore

/// `kind = "prometheus"`: the keys, their defaults and the combinations refused at load.
@Suite("Prometheus probe config")
struct PrometheusConfigTests {
    static func parse(_ keys: String) throws -> PrometheusProbeTarget {
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "success"
            kind = "prometheus"
            \(keys)
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        let probe = try #require(config.environments.first?.probes.first)
        guard case .prometheus(let target) = probe.target else { Issue.record("not a prometheus target"); throw CancellationError() }
        #expect(probe.kind == .prometheus)
        return target
    }

    static func error(_ keys: String) -> String {
        do {
            _ = try parse(keys)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("every key, and the defaults: direction above, no_data degraded, no unit, no by")
    func keys() throws {
        let full = try Self.parse("""
            url = "http://127.0.0.1:9090/"
            query = "1 - sum(rate(football_data_collection_errors_total[5m])) / sum(rate(football_data_collection_total[5m]))"
            unit = "ratio"
            degraded = 0.85
            down = 0.70
            direction = "below"
            by = "table"
            no_data = "down"
            """)
        #expect(full.queryURL == "http://127.0.0.1:9090/api/v1/query")
        #expect(full.address == HostPort(host: "127.0.0.1", port: 9090))
        #expect(full.unit == .ratio && full.degraded == 0.85 && full.down == 0.70 && full.direction == .below)
        #expect(full.by == "table" && full.noData == .down)
        let plain = try Self.parse("url = \"http://prom:9090\"\nquery = \"up\"\ndown = 1")
        #expect(plain.unit == nil && plain.degraded == nil && plain.down == 1 && plain.direction == .above)
        #expect(plain.by == nil && plain.noData == .degraded)
        #expect(try Self.parse("url = \"http://p:9090\"\nquery = \"up\"\nunit = \"per_second\"").unit == .perSecond)
    }

    @Test("bad values name the key and say what to use")
    func refused() {
        #expect(Self.error("query = \"up\"").contains("url"))
        #expect(Self.error("url = \"http://p:9090\"").contains("query"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"  \"").contains("empty"))
        #expect(Self.error("url = \"http://p:9090/api/v1/query\"\nquery = \"up\"").contains("base URL"))
        #expect(Self.error("url = \"ftp://p:9090\"\nquery = \"up\"").contains("unsupported scheme"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\nunit = \"furlongs\"").contains("unknown unit 'furlongs'"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\ndirection = \"sideways\"").contains("\"above\" or \"below\""))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\nno_data = \"unknown\"").contains("no_data"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\nby = \"1table\"").contains("label name"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\ndegraded = \"high\"").contains("degraded"))
        // Thresholds that would never show degraded.
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\ndegraded = 2\ndown = 1").contains("must be below down"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\ndegraded = 0.7\ndown = 0.85\ndirection = \"below\"")
            .contains("must be above down"))
        #expect(Self.error("url = \"http://p:9090\"\nquery = \"up\"\nexpect_status = [200]").contains("expect_status"))
    }

    @Test("the shipped config's staging panels load as prometheus probes")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("config.toml"), encoding: .utf8)
        let config = try ConfigLoader.parse(text, file: "config.toml", baseDirectory: root.path, environment: [:])
        let staging = try #require(config.environments.first { $0.name == "staging" })
        let names = staging.probes.filter { $0.kind == .prometheus }.map(\.name)
        #expect(names == ["data-collection", "api-p95", "api-errors", "table-rows"])
        guard case .prometheus(let success)? = staging.probes.first(where: { $0.name == "data-collection" })?.target else {
            Issue.record("data-collection is not a prometheus probe")
            return
        }
        #expect(success.degraded == 0.85 && success.down == 0.70 && success.direction == .below && success.unit == .ratio)
        #expect(staging.probes.first { $0.name == "prometheus" }?.optional == false)
    }
}
