import Foundation
import Testing
@testable import TouchlineCore
@testable import TouchlineUI

/// prometheus probes in the Services pane: the value in its unit, status from the thresholds, a sparkline
/// of the value, `by` sub-rows under the probe (a fleet's thousands of rows capped, the ones not up first),
/// and the detail view's full table.
@Suite("Prometheus probes on screen")
struct PrometheusRenderTests {
    @Test("the staging panels at 120x40: values, thresholds, sub-rows")
    func panels() {
        let state = PrometheusScenarios.state(width: 120, height: 40)
        let buffer = DashboardRenderer.render(state)
        SnapshotAssertion.assertMatches(buffer, named: "prometheus-panels-120x40")
        let text = (0..<buffer.height).map(buffer.rowText).joined(separator: "\n")
        #expect(text.contains("data-collection") && text.contains("79.0 % ≤ 85.0 %"), "\(text)")
        #expect(text.contains("└ predictions") && text.contains("promql"))
    }

    @Test("values beyond every unit (1e30 s, +Inf, 1e21 rows, NaN, -1e300) render at every size without a trap")
    func hostileValues() {
        for (width, height) in [(120, 40), (80, 24), (200, 60)] {
            var state = PrometheusScenarios.state(width: width, height: height, hostile: true)
            var text = (0..<height).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
            #expect(text.contains("1.0e+30 s") || text.contains("1.0e+300 s"), "\(width)x\(height): \(text)")
            #expect(text.contains("+Inf"), "\(width)x\(height): \(text)")
            if width >= 120 { #expect(text.contains("1.0e+21"), "\(width)x\(height): \(text)") }
            for name in ["api-p95", "table-rows", "data-collection"] {
                state.selectedService = name
                state.detailProbe = name
                text = (0..<height).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
                #expect(!text.isEmpty)
            }
        }
    }

    @Test("a fleet of 5,000 series: at most 8 lines under the probe, the down ones first, then how many more")
    func fleet() {
        let state = PrometheusScenarios.state(width: 200, height: 60, fleet: 5000)
        let text = (0..<60).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
        #expect(text.contains("└ … 4993 more instance values (Enter: all)"), "\(text)")
        #expect(text.contains("└ 10.0.0.0:9100"), "the first down instance is listed")
        #expect(text.contains("instance=10.0.0.0:9100: 0 ≤ 0 (+51 more)"), "\(text)")
    }

    @Test("render benchmark: 5,000 series parsed and turned into rows, and a 200x60 frame",
          .enabled(if: ProcessInfo.processInfo.environment["TOUCHLINE_BENCH"] == "1"))
    func benchmark() throws {
        let body = PrometheusScenarios.fleetBody(5000)
        var parse: [Double] = []
        var rows = 0
        for _ in 0..<30 {
            let start = ContinuousClock.now
            let outcome = PrometheusEvaluation.evaluate(try PrometheusResponseParser.parse(body), target: PrometheusScenarios.fleet)
            parse.append(start.duration(to: .now).seconds)
            rows = outcome.snapshot?.rows.count ?? 0
        }
        let state = PrometheusScenarios.state(width: 200, height: 60, fleet: 5000)
        var render: [Double] = []
        for _ in 0..<200 {
            let start = ContinuousClock.now
            let buffer = DashboardRenderer.render(state)
            render.append(start.duration(to: .now).seconds)
            precondition(buffer.width == 200)
        }
        parse.sort()
        render.sort()
        let line = String(format: "prometheus bench: %d series (%d bytes) → %d rows: parse+rows median %.2f ms, max %.2f ms; render 200x60 median %.3f ms, p95 %.3f ms",
                          5000, body.count, rows, parse[parse.count / 2] * 1000, parse[parse.count - 1] * 1000,
                          render[render.count / 2] * 1000, render[render.count * 95 / 100] * 1000)
        print(line)
        #expect(rows == 5000)
        #expect(parse[parse.count / 2] < 0.050)
        #expect(render[render.count / 2] < 0.005)
    }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
