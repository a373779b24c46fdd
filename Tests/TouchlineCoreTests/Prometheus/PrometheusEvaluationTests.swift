import Foundation
import Testing
@testable import TouchlineCore

/// Reading Prometheus's answers and judging them: thresholds both ways (inclusive), `by` sub-rows, no data,
/// rejected queries, malformed JSON.
@Suite("Prometheus answers and thresholds")
struct PrometheusEvaluationTests {
    static let address = HostPort(host: "127.0.0.1", port: 9090)

    static func vector(_ series: [(String, String)], label: String = "table") -> [UInt8] {
        let items = series.map { "{\"metric\":{\"__name__\":\"m\",\"\(label)\":\"\($0.0)\"},\"value\":[1712345678.123,\"\($0.1)\"]}" }
        return Array("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[\(items.joined(separator: ","))]}}".utf8)
    }

    static func judge(_ body: [UInt8], _ target: PrometheusProbeTarget) throws -> PrometheusEvaluation.Outcome {
        PrometheusEvaluation.evaluate(try PrometheusResponseParser.parse(body), target: target)
    }

    @Test("a vector, a scalar, an error, and NaN/Inf values parse")
    func parsing() throws {
        let vector = try PrometheusResponseParser.parse(Self.vector([("teams", "40"), ("matches", "5000")]))
        #expect(vector == .success(resultType: "vector", series: [
            PrometheusSeries(labels: ["__name__": "m", "table": "teams"], value: 40),
            PrometheusSeries(labels: ["__name__": "m", "table": "matches"], value: 5000),
        ]))
        let scalar = try PrometheusResponseParser.parse(Array(#"{"status":"success","data":{"resultType":"scalar","result":[1.5e9,"0.25"]}}"#.utf8))
        #expect(scalar == .success(resultType: "scalar", series: [PrometheusSeries(labels: [:], value: 0.25)]))
        let rejected = try PrometheusResponseParser.parse(Array(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"}\""}"#.utf8))
        #expect(rejected == .error(type: "bad_data", message: "1:5: parse error: unexpected \"}\""))
        guard case .success(_, let odd) = try PrometheusResponseParser.parse(Self.vector([("a", "NaN"), ("b", "+Inf"), ("c", "-Inf")])) else {
            Issue.record("not a success")
            return
        }
        #expect(odd[0].value.isNaN && odd[1].value == .infinity && odd[2].value == -.infinity)
        let escaped = try PrometheusResponseParser.parse(Array(#"{"status":"success","warnings":["x"],"data":{"resultType":"vector","result":[{"metric":{"path":"\/a\"b\u00e9\ud83d\ude00"},"value":[1,"1"]}]}}"#.utf8))
        #expect(escaped == .success(resultType: "vector", series: [PrometheusSeries(labels: ["path": "/a\"bé😀"], value: 1)]))
    }

    @Test("malformed answers are one clear line, never a crash")
    func malformed() {
        for body in ["", "<html>502</html>", "{\"status\":\"success\"", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"x\"]}]}}",
                     "{\"data\":{}}", "[1,2]", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[}}", "{\"status\":\"weird\"}"] {
            #expect(throws: PrometheusResponseError.self, "\(body)") { try PrometheusResponseParser.parse(Array(body.utf8)) }
        }
        do {
            _ = try PrometheusResponseParser.parse(Array("{\"status\":\"success\",}".utf8))
        } catch {
            #expect(error.message.hasPrefix("invalid JSON at byte"), "\(error.message)")
        }
    }

    @Test("above: ≥ degraded is degraded, ≥ down is down (inclusive); below mirrors it")
    func thresholds() throws {
        let above = PrometheusProbeTarget(url: "http://p:9090", address: Self.address, query: "p95", unit: .seconds, degraded: 0.5, down: 1)
        let scalar = { (value: String) in Array(#"{"status":"success","data":{"resultType":"scalar","result":[1,"\#(value)"]}}"#.utf8) }
        #expect(try Self.judge(scalar("0.49"), above).status == .up)
        #expect(try Self.judge(scalar("0.5"), above).status == .degraded)
        #expect(try Self.judge(scalar("1"), above).status == .down)
        #expect(try Self.judge(scalar("3"), above).error == "3.00 s ≥ 1.00 s")
        let below = PrometheusProbeTarget(url: "http://p:9090", address: Self.address, query: "success", unit: .ratio, degraded: 0.85,
                                          down: 0.70, direction: .below)
        #expect(try Self.judge(scalar("0.93"), below).status == .up)
        #expect(try Self.judge(scalar("0.85"), below).status == .degraded)
        #expect(try Self.judge(scalar("0.70"), below).status == .down)
        #expect(try Self.judge(scalar("0.62"), below).error == "62.0 % ≤ 70.0 %")
        let up = try Self.judge(scalar("0.93"), below)
        #expect(up.snapshot?.value == 0.93 && up.error == nil)
        #expect(SampleSummary.detail(ProbeSample(probe: "s", time: Date(), status: .up, latency: 0.002,
                                                 metrics: .prometheus(try #require(up.snapshot)))) == "93.0 %")
    }

    @Test("by: one row per label value sorted, the worst row sets the status and the value")
    func byLabel() throws {
        let target = PrometheusProbeTarget(url: "http://p:9090", address: Self.address, query: "football_table_row_count", unit: .count,
                                           degraded: 10, down: 0, direction: .below, by: "table")
        let outcome = try Self.judge(Self.vector([("teams", "40"), ("predictions", "0"), ("matches", "5"), ("matches", "9")]), target)
        #expect(outcome.status == .down)
        #expect(outcome.error == "table=predictions: 0 ≤ 0 (+1 more)")
        let snapshot = try #require(outcome.snapshot)
        #expect(snapshot.rows == [PrometheusRow(label: "matches", value: 5, status: .degraded),
                                  PrometheusRow(label: "predictions", value: 0, status: .down),
                                  PrometheusRow(label: "teams", value: 40, status: .up)])
        #expect(snapshot.value == 0 && snapshot.valuesByLabel == ["matches": 5, "predictions": 0, "teams": 40])
        let fine = try Self.judge(Self.vector([("teams", "40"), ("matches", "5000")]), target)
        #expect(fine.status == .up && fine.error == nil)
        let json = PrometheusSummary.checkFields(.prometheus(try #require(fine.snapshot)))
        #expect(json["values"] == .object(["teams": .number(40), "matches": .number(5000)]))
        #expect(json["value"] == .number(40))
        let missing = try Self.judge(Self.vector([("x", "1")], label: "other"), target)
        #expect(missing.snapshot?.rows.first?.label == PrometheusEvaluation.missingLabel)
    }

    @Test("no data: empty vector and NaN take no_data (default degraded, \"no data\")")
    func noData() throws {
        var target = PrometheusProbeTarget(url: "http://p:9090", address: Self.address, query: "absent_metric", down: 1)
        let empty = Array(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.utf8)
        #expect(try Self.judge(empty, target).status == .degraded)
        #expect(try Self.judge(empty, target).error == "no data")
        #expect(try Self.judge(Self.vector([("a", "NaN")]), target).status == .degraded)
        target.noData = .down
        #expect(try Self.judge(empty, target).status == .down)
        target.noData = .up
        #expect(try Self.judge(empty, target).status == .up)
        #expect(try Self.judge(empty, target).error == nil)
        #expect(PrometheusSummary.checkFields(.prometheus(try #require(try Self.judge(empty, target).snapshot)))["value"] == .null)
    }

    @Test("a rejected query is down with Prometheus's words and the query; a matrix is refused")
    func rejected() throws {
        let target = PrometheusProbeTarget(url: "http://p:9090", address: Self.address, query: "sum(rate(x[5m])")
        let outcome = try Self.judge(Array(#"{"status":"error","errorType":"bad_data","error":"1:16: parse error: unclosed left parenthesis"}"#.utf8), target)
        #expect(outcome.status == .down)
        #expect(outcome.error == "query rejected (bad_data): 1:16: parse error: unclosed left parenthesis — query: sum(rate(x[5m])")
        let matrix = try Self.judge(Array(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}}"#.utf8), target)
        #expect(matrix.status == .down && (matrix.error ?? "").contains("range vector"))
    }

    @Test("units format compactly")
    func units() {
        #expect(MetricUnit.seconds.format(0.0123) == "12.3 ms")
        #expect(MetricUnit.seconds.format(1.5) == "1.50 s")
        #expect(MetricUnit.bytes.format(64 * 1024 * 1024) == "64.0 MiB")
        #expect(MetricUnit.ratio.format(0.932) == "93.2 %")
        #expect(MetricUnit.percent.format(12) == "12.0 %")
        #expect(MetricUnit.count.format(5000) == "5000")
        #expect(MetricUnit.count.format(1_250_000) == "1.3M")
        #expect(MetricUnit.perSecond.format(2.5) == "2.50/s")
        #expect(MetricUnit.plain(-0.5) == "-0.500")
    }

    @Test("only the newest sample keeps a by probe's rows")
    func retention() {
        var window = SampleWindow()
        let snapshot = PrometheusSnapshot(value: 1, unit: nil, by: "t", rows: [PrometheusRow(label: "a", value: 1, status: .up)], seriesCount: 1)
        window.append(ProbeSample(probe: "p", time: Date(), status: .up, latency: 0.01, metrics: .prometheus(snapshot)))
        window.append(ProbeSample(probe: "p", time: Date(), status: .up, latency: 0.01, metrics: .prometheus(snapshot)))
        guard case .prometheus(let old) = window.samples[0].metrics, case .prometheus(let new) = window.samples[1].metrics else {
            Issue.record("metrics lost")
            return
        }
        #expect(old.rows.isEmpty && new.rows.count == 1 && old.value == 1)
        #expect(window.recentPoints(2) == [.latency(1), .latency(1)])
    }
}
