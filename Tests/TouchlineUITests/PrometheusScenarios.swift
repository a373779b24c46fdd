import Foundation
import TouchlineCore

/// Dashboard states with prometheus probes: the platform's staging panels (one degraded, one with a `by`
/// row down) and a fleet probe over a recorded-style answer of thousands of series.
enum PrometheusScenarios {
    static func target(_ query: String, unit: MetricUnit?, degraded: Double? = nil, down: Double? = nil,
                       direction: ThresholdDirection = .above, by: String? = nil) -> PrometheusProbeTarget {
        PrometheusProbeTarget(url: "http://prometheus:9090", address: HostPort(host: "prometheus", port: 9090), query: query, unit: unit,
                              degraded: degraded, down: down, direction: direction, by: by)
    }

    static let panels: [(String, PrometheusProbeTarget)] = [
        ("data-collection", target("1 - sum(rate(football_data_collection_errors_total[5m])) / sum(rate(football_data_collection_total[5m]))",
                                   unit: .ratio, degraded: 0.85, down: 0.70, direction: .below)),
        ("api-p95", target("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))", unit: .seconds,
                           degraded: 0.5, down: 1)),
        ("table-rows", target("football_table_row_count", unit: .count, down: 0, direction: .below, by: "table")),
    ]

    /// A body as Prometheus answers `up` over `count` node targets (every 97th down).
    static func fleetBody(_ count: Int) -> [UInt8] {
        var text = #"{"status":"success","data":{"resultType":"vector","result":["#
        for index in 0..<count {
            if index > 0 { text += "," }
            text += #"{"metric":{"__name__":"up","instance":"10.\#(index / 65536).\#((index / 256) % 256).\#(index % 256):9100","job":"node","#
                + #""env":"staging"},"value":[1750000000.123,"\#(index % 97 == 0 ? 0 : 1)"]}"#
        }
        return Array((text + "]}}").utf8)
    }

    static let fleet = target("up{job=\"node\"}", unit: nil, down: 0, direction: .below, by: "instance")

    /// The standard services plus the panels (and the fleet probe when `fleet` series are given), fed a
    /// few minutes of samples: data collection sinking to 80 %, predictions at 0 rows.
    /// With `hostile`, the panels answer values no unit has room for: api-p95 `1e30` s, data collection `+Inf`,
    /// table rows `1e21`, `NaN` and `-1e300`.
    static func state(width: Int, height: Int, fleet fleetSeries: Int = 0, hostile: Bool = false) -> DashboardState {
        var probes: [ProbeConfig] = []
        for (name, target) in panels {
            probes.append(ProbeConfig(name: name, interval: 5, timeout: 2, latencyWarn: nil, target: .prometheus(target)))
        }
        probes += Scenarios.probes()
        if fleetSeries > 0 {
            probes.insert(ProbeConfig(name: "fleet-up", interval: 5, timeout: 5, latencyWarn: nil, target: .prometheus(fleet)), at: 0)
        }
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false,
                                            stateDirectory: "/var/lib/touchline/staging", probes: probes)
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: Scenarios.now, width: width, height: height)
        let fleetOutcome = fleetSeries > 0 ? (try? PrometheusResponseParser.parse(fleetBody(fleetSeries))).map { PrometheusEvaluation.evaluate($0, target: fleet) } : nil
        Scenarios.feed(&state, override: [
            "data-collection": { index, ago in
                sample("data-collection", ago: ago, body: hostile ? scalar(text: "+Inf") : scalar(0.97 - Double(60 - min(ago, 60)) * 0.003),
                       target: panels[0].1)
            },
            "api-p95": { _, ago in
                sample("api-p95", ago: ago, body: hostile ? scalar(text: ago % 2 == 0 ? "1e30" : "1e300") : scalar(0.18 + Double(ago % 7) * 0.01),
                       target: panels[1].1)
            },
            "table-rows": { _, ago in
                sample("table-rows", ago: ago, body: vector(hostile ? [("matches", "1e21"), ("predictions", "NaN"), ("teams", "-1e300")]
                                                            : [("matches", "5000"), ("predictions", "0"), ("teams", "40")]), target: panels[2].1)
            },
            "fleet-up": { _, ago in
                guard let fleetOutcome else { return nil }
                var sample = ProbeSample(probe: "fleet-up", time: Scenarios.time(ago), status: fleetOutcome.status, latency: 0.042,
                                         error: fleetOutcome.error)
                if let snapshot = fleetOutcome.snapshot { sample.metrics = .prometheus(snapshot) }
                return sample
            },
        ])
        return state
    }

    static func scalar(_ value: Double) -> [UInt8] {
        scalar(text: "\(value)")
    }

    static func scalar(text: String) -> [UInt8] {
        Array(#"{"status":"success","data":{"resultType":"scalar","result":[1750000000,"\#(text)"]}}"#.utf8)
    }

    static func vector(_ rows: [(String, String)]) -> [UInt8] {
        let items = rows.map { #"{"metric":{"table":"\#($0.0)"},"value":[1750000000,"\#($0.1)"]}"# }
        return Array(#"{"status":"success","data":{"resultType":"vector","result":[\#(items.joined(separator: ","))]}}"#.utf8)
    }

    static func sample(_ name: String, ago: Int, body: [UInt8], target: PrometheusProbeTarget) -> ProbeSample? {
        guard let result = try? PrometheusResponseParser.parse(body) else { return nil }
        let outcome = PrometheusEvaluation.evaluate(result, target: target)
        var sample = ProbeSample(probe: name, time: Scenarios.time(ago), status: outcome.status, latency: 0.0012, error: outcome.error)
        if let snapshot = outcome.snapshot { sample.metrics = .prometheus(snapshot) }
        return sample
    }
}
