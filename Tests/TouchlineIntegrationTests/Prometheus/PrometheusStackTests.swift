@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes

/// Issue 14 against the stack's real Prometheus (scraping the API stand-in and the exporters every second)
/// and Alertmanager: prometheus probes over the stand-in's metrics follow changes made through the API,
/// thresholds both ways, `by` sub-rows, no data, a rejected query, `touchline check --json`'s `value` and
/// `values`, and the latency fault firing ApiHighLatency (seen in Prometheus and Alertmanager) and `fault
/// clear` resolving it.
extension RealStackSuite {
@Suite("Prometheus probes on the real stack", .serialized)
struct PrometheusStackTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private func probe(_ stack: TestStack, query: String, unit: MetricUnit? = nil, degraded: Double? = nil, down: Double? = nil,
                       direction: ThresholdDirection = .above, by: String? = nil, noData: ProbeStatus = .degraded) -> ProbeConfig {
        let target = PrometheusProbeTarget(url: stack.prometheusURL, address: HostPort(host: "127.0.0.1", port: stack.prometheusPort), query: query,
                                           unit: unit, degraded: degraded, down: down, direction: direction, by: by, noData: noData)
        return ProbeConfig(name: "promql", interval: 1, timeout: 2, latencyWarn: nil, target: .prometheus(target))
    }

    private func check(_ config: ProbeConfig) -> ProbeSample {
        let checker = CheckerFactory.make(config, environment: [:])
        defer { checker.close() }
        return checker.check()
    }

    private func snapshot(_ sample: ProbeSample) -> PrometheusSnapshot? {
        if case .prometheus(let snapshot) = sample.metrics { return snapshot }
        return nil
    }

    /// Polls `config` every 0.5 s for up to `seconds` until `match` holds; the last sample either way.
    private func poll(_ config: ProbeConfig, seconds: Double, until match: (ProbeSample) -> Bool) -> ProbeSample {
        let end = Date().addingTimeInterval(seconds)
        var sample = check(config)
        while !match(sample) && Date() < end {
            Thread.sleep(forTimeInterval: 0.5)
            sample = check(config)
        }
        return sample
    }

    /// Waits until Prometheus has scraped the stand-in's row counts (the stack may have just started).
    private func rowCounts(_ stack: TestStack) -> ProbeSample {
        poll(probe(stack, query: "football_table_row_count", unit: .count, by: "table"), seconds: 30) { (snapshot($0)?.rows.count ?? 0) >= 3 }
    }

    @Test("a probe over the stand-in's metric follows a prediction made through the API; by gives one row per table")
    func followsTheAPI() throws {
        let stack = try stack()
        let before = rowCounts(stack)
        let rows = try #require(snapshot(before)?.rows)
        #expect(rows.map(\.label) == ["matches", "predictions", "teams"], "\(rows)")
        #expect(before.status == .up && before.error == nil)
        let predictions = try #require(rows.first { $0.label == "predictions" }?.value)
        let (code, _) = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "-m", "10", "-H", "Content-Type: application/json",
                                                            "-d", #"{"home_team": "Arsenal", "away_team": "Chelsea"}"#,
                                                            "http://127.0.0.1:\(stack.apiPort)/api/v1/predictions/match"],
                                          environment: stack.environment, timeout: 15)
        #expect(code == 0)
        let config = probe(stack, query: "football_table_row_count", unit: .count, by: "table")
        let after = poll(config, seconds: 20) { (snapshot($0)?.valuesByLabel["predictions"] ?? 0) > predictions }
        #expect(snapshot(after)?.valuesByLabel["predictions"] == predictions + 1, "\(String(describing: snapshot(after)))")
        let served = check(probe(stack, query: #"sum(football_predictions_total{job="football-api"})"#, unit: .count))
        #expect((snapshot(served)?.value ?? 0) >= 1, "\(served)")
    }

    @Test("thresholds in both directions, inclusive; the worst sub-row sets the status")
    func thresholds() throws {
        let stack = try stack()
        _ = rowCounts(stack)
        let teams = #"football_table_row_count{table="teams"}"#   // 40 in the seed
        #expect(check(probe(stack, query: teams, degraded: 30, down: 50)).status == .degraded)
        #expect(check(probe(stack, query: teams, degraded: 30, down: 40)).status == .down)
        #expect(check(probe(stack, query: teams, degraded: 41, down: 50)).status == .up)
        #expect(check(probe(stack, query: teams, degraded: 50, down: 30, direction: .below)).status == .degraded)
        let down = check(probe(stack, query: teams, unit: .count, degraded: 60, down: 40, direction: .below))
        #expect(down.status == .down && down.error == "40 ≤ 40", "\(down)")
        #expect(check(probe(stack, query: teams, degraded: 39, down: 30, direction: .below)).status == .up)
        let byTable = check(probe(stack, query: "football_table_row_count", unit: .count, degraded: 100, down: 10, direction: .below, by: "table"))
        #expect(byTable.status == .degraded, "\(byTable)")
        #expect(byTable.error == "table=teams: 40 ≤ 100", "\(String(describing: byTable.error))")
        #expect(snapshot(byTable)?.rows.map(\.status) == [.up, .up, .degraded])
        // The exporters are scraped on their own schedule: right after the stack starts, one of them may
        // not have been scraped yet (no data), so wait for both series as the row counts were waited for.
        let exporters = poll(probe(stack, query: #"min(pg_up) + min(redis_up)"#, down: 1, direction: .below), seconds: 30) {
            snapshot($0)?.value == 2
        }
        #expect(exporters.status == .up && snapshot(exporters)?.value == 2, "\(exporters)")
    }

    @Test("no data: degraded by default, or what no_data says; a rejected query is down naming the query")
    func noDataAndRejected() throws {
        let stack = try stack()
        _ = rowCounts(stack)
        let missing = #"football_table_row_count{table="no_such_table"}"#
        let quiet = check(probe(stack, query: missing))
        #expect(quiet.status == .degraded && quiet.error == "no data", "\(quiet)")
        #expect(check(probe(stack, query: missing, noData: .down)).status == .down)
        #expect(check(probe(stack, query: missing, noData: .up)).status == .up)
        let rejected = check(probe(stack, query: "sum(rate(http_requests_total[1m])"))
        #expect(rejected.status == .down)
        #expect((rejected.error ?? "").hasPrefix("query rejected (bad_data): "), "\(String(describing: rejected.error))")
        #expect((rejected.error ?? "").hasSuffix("— query: sum(rate(http_requests_total[1m])"))
    }

    @Test("touchline check --json: value and values by label; a rejected query warned about at start")
    func checkJSON() throws {
        let stack = try stack()
        _ = rowCounts(stack)
        let runner = HeadlessRunner(stack: stack)
        let path = try runner.writeConfig()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += """

            [[environments.staging.probes]]
            name = "table-rows"
            kind = "prometheus"
            url = "\(stack.prometheusURL)"
            query = "football_table_row_count"
            by = "table"
            unit = "count"
            down = 0
            direction = "below"

            [[environments.staging.probes]]
            name = "data-collection"
            kind = "prometheus"
            url = "\(stack.prometheusURL)"
            query = "1 - sum(rate(football_data_collection_errors_total[1m])) / sum(rate(football_data_collection_total[1m]))"
            unit = "ratio"
            degraded = 0.85
            down = 0.70
            direction = "below"

            [[environments.staging.probes]]
            name = "typo"
            kind = "prometheus"
            url = "\(stack.prometheusURL)"
            query = "sum(up"
            optional = true
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = runner.run(["check", "--json"], config: path, timeout: 60)
        #expect(result.stderr.contains("probe 'typo': warning: Prometheus at \(stack.prometheusURL) does not accept the query: query rejected (bad_data)"),
                "\(result.stderr)")
        let json = try runner.json(result.stdout)
        let probes = try #require(json["probes"] as? [[String: Any]])
        let rows = try #require(probes.first { $0["name"] as? String == "table-rows" })
        #expect(rows["kind"] as? String == "prometheus" && rows["status"] as? String == "up", "\(rows)")
        let values = try #require(rows["values"] as? [String: Double])
        #expect(Set(values.keys) == ["matches", "predictions", "teams"] && values["teams"] == 40, "\(values)")
        let success = try #require(probes.first { $0["name"] as? String == "data-collection" })
        #expect((success["value"] as? Double).map { (0...1).contains($0) } == true, "\(success)")
        #expect((success["metrics"] as? [String: Any])?["unit"] as? String == "ratio")
        let typo = try #require(probes.first { $0["name"] as? String == "typo" })
        #expect(typo["status"] as? String == "down" && (typo["error"] as? String ?? "").contains("— query: sum(up"))
    }

    @Test("fault api latency 3s fires ApiHighLatency in Prometheus and Alertmanager within seconds; fault clear resolves it")
    func latencyAlert() throws {
        let stack = try stack()
        _ = rowCounts(stack)
        defer { stack.run(["fault", "clear"]) }
        let firing = probe(stack, query: #"ALERTS{alertname="ApiHighLatency", alertstate="firing"}"#, down: 1, noData: .up)
        // An earlier suite's latency fault may still be in the 15 s window: wait for the alert to be resolved first.
        #expect(poll(firing, seconds: 60) { $0.status == .up }.status == .up, "ApiHighLatency still fires before the fault")
        let p95 = probe(stack, query: #"histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="football-api", path!="/metrics"}[15s])))"#,
                        unit: .seconds, degraded: 0.5, down: 1)
        let start = Date()
        #expect(stack.run(["fault", "api", "latency", "3s"]).0 == 0)
        let fired = poll(firing, seconds: 40) { $0.status == .down }
        let firedAfter = Date().timeIntervalSince(start)
        #expect(fired.status == .down, "ApiHighLatency did not fire: \(fired)")
        #expect(firedAfter < 30, "fired after \(firedAfter)s")
        #expect(check(p95).status == .down, "the p95 probe is not down under a 3s latency")
        let alertmanager = poll(probe(stack, query: #"alertmanager_alerts{state="active"}"#, down: 1), seconds: 20) { $0.status == .down }
        #expect(alertmanager.status == .down, "Alertmanager holds no active alert: \(alertmanager)")
        let (_, listed) = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-m", "5", "\(stack.alertmanagerURL)/api/v2/alerts"], environment: stack.environment, timeout: 10)
        #expect(listed.contains("\"alertname\":\"ApiHighLatency\"") && listed.contains("\"severity\":\"critical\""), "\(listed.prefix(400))")
        #expect(stack.run(["fault", "clear"]).0 == 0)
        let resolved = poll(firing, seconds: 60) { $0.status == .up }
        #expect(resolved.status == .up, "ApiHighLatency still firing a minute after fault clear")
    }
}
}
