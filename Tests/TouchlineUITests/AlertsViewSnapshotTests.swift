import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Alerts view, its details, the silences list, the silence dialog and the header's counts, as snapshots.
@Suite("Alerts view snapshots")
struct AlertsViewSnapshotTests {
    static let body = """
    [{"annotations":{"description":"The Football Prediction API's 95th percentile request latency is 4.817s over the last 15 seconds (threshold 1 s).","summary":"API p95 latency is over 1 s"},"fingerprint":"5db36619c167380a","startsAt":"2025-06-15T15:04:10Z","endsAt":"2025-06-15T15:08:00Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"generatorURL":"http://prometheus:9090/graph?g0.expr=histogram_quantile","labels":{"alertname":"ApiHighLatency","env":"staging","job":"football-api","service":"api","severity":"critical"}},
     {"annotations":{"summary":"Data collection success under 85 %"},"fingerprint":"aa01","startsAt":"2025-06-15T14:40:00Z","status":{"inhibitedBy":["5db36619c167380a"],"silencedBy":[],"state":"suppressed"},"labels":{"alertname":"DataCollectionSuccessLow","env":"staging","job":"football-api","service":"collector","severity":"warning"}},
     {"annotations":{"summary":"Disk of db-1 fills in 4h"},"fingerprint":"bb02","startsAt":"2025-06-15T13:06:40Z","status":{"inhibitedBy":[],"silencedBy":["4b7ad24e-88f8-44fd-8cdd-ac161c42921b"],"state":"suppressed"},"labels":{"alertname":"DiskFilling","env":"staging","instance":"db-1","service":"db","severity":"page"}}]
    """

    static let silences = """
    [{"id":"4b7ad24e-88f8-44fd-8cdd-ac161c42921b","status":{"state":"active"},"comment":"INC-42 disk grows during the backfill","createdBy":"alice@laptop","startsAt":"2025-06-15T15:00:00Z","endsAt":"2025-06-15T17:00:00Z","matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"DiskFilling"},{"isEqual":true,"isRegex":false,"name":"env","value":"staging"}]}]
    """

    static func state(width: Int, height: Int, view: AlertsView? = AlertsView(), error: String? = nil) throws -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        state.environments[state.environmentIndex].alerts = AlertsConfig(source: .alertmanager("http://alertmanager:9093"),
                                                                         matchers: [AlertMatcher(name: "env", value: "staging")])
        state.alerting.createdBy = "alice@laptop"
        let alerts = try AlertsJSON.alertmanagerAlerts(Array(body.utf8), what: "test").get()
        let silences = try AlertsJSON.silences(Array(Self.silences.utf8), what: "test").get()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertsPoll.answered(environment: state.environment.name,
                                                                              time: Scenarios.now.addingTimeInterval(-2),
                                                                              alerts: alerts, silences: silences, matchers: [])))
        if let error {
            _ = DashboardReducer.reduce(&state, .alertsPolled(AlertsPoll(environment: state.environment.name, time: Scenarios.now, error: error)))
        }
        state.now = Scenarios.now
        state.overlay = view.map { .alerts($0) }
        return state
    }

    @Test("the alerts list at 120x40 and 80x24: severity then age, differing labels, muted rows; the header counts")
    func list() throws {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(try Self.state(width: 120, height: 40)), named: "alerts-view-120x40")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(try Self.state(width: 80, height: 24)), named: "alerts-view-80x24")
        let header = DashboardRenderer.render(try Self.state(width: 120, height: 40, view: nil)).rowText(0)
        #expect(header.contains("ALERTS 1 critical"))
        let wide = DashboardRenderer.render(try Self.state(width: 120, height: 40))
        let row = (0..<40).map(wide.rowText).first { $0.contains("Data collection success") } ?? ""
        #expect(row.contains("DataCollectionSuccessLow "), "the whole name while the summary has room: \(row)")
        // 80x24: the labels give way to whole names (Enter shows them all).
        let narrow = DashboardRenderer.render(try Self.state(width: 80, height: 24))
        let text = (0..<24).map(narrow.rowText).joined(separator: "\n")
        #expect(text.contains("DataCollectionSuccessLow ") && !text.contains("LABELS"), "\(text)")
    }

    @Test("an alert's details, the silences list, an unreadable source")
    func others() throws {
        var detail = AlertsView()
        detail.detail = true
        SnapshotAssertion.assertMatches(DashboardRenderer.render(try Self.state(width: 120, height: 40, view: detail)), named: "alerts-detail-120x40")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(try Self.state(width: 120, height: 40, view: AlertsView(mode: .silences))),
                                        named: "alerts-silences-120x40")
        let failing = try Self.state(width: 120, height: 40,
                                     error: "GET http://alertmanager:9093/api/v2/alerts: timeout after 3s")
        let text = DashboardRenderer.render(failing)
        SnapshotAssertion.assertMatches(text, named: "alerts-unreadable-120x40")
        #expect(text.rowText(2).contains("▲ cannot read alerts: GET http://alertmanager:9093/api/v2/alerts: timeout after 3s"))
    }

    @Test("the silence dialog: prefilled matchers, duration choices, comment, created by; protected asks for the name")
    func dialog() throws {
        var state = try Self.state(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        for character in "INC-42 looking into it" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "silence-dialog-120x40")
        _ = DashboardReducer.reduce(&state, .key(.enter))
        let waiting = DashboardRenderer.render(state)
        #expect((0..<40).map(waiting.rowText).contains { $0.contains("posting to Alertmanager") })
    }

    @Test("the expiry dialog over the silences list: the DELETE, the matchers, Cancel first; its footer lists its keys")
    func expireDialog() throws {
        var state = try Self.state(width: 120, height: 40, view: AlertsView(mode: .silences))
        _ = DashboardReducer.reduce(&state, .key(.character("X")))
        let screen = DashboardRenderer.render(state)
        SnapshotAssertion.assertMatches(screen, named: "expire-silence-dialog-120x40")
        let footer = screen.rowText(39)
        #expect(footer.contains("y expire") && footer.contains("Esc n cancel") && !footer.contains("next pane"), "\(footer)")
    }

    @Test("the footer lists the view's own keys in each mode and dialog; a key the view does not use says so")
    func footer() throws {
        func footer(_ state: DashboardState) -> String { DashboardRenderer.render(state).rowText(state.height - 1) }
        var state = try Self.state(width: 120, height: 40)
        let list = footer(state)
        for key in ["↑/k ↓/j select", "x silence", "Enter details", "v silences", "r poll now", "Esc close"] {
            #expect(list.contains(key), "\(key) missing: \(list)")
        }
        for main in ["? help", "next pane", "zoom", "theme", "environment"] { #expect(!list.contains(main), "\(main) in: \(list)") }
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(state.notice == "z does nothing in the Alerts view" && state.overlay == .alerts(AlertsView()))
        #expect(footer(state).contains("z does nothing in the Alerts view"))

        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(footer(state).contains("Enter Esc back to the list") && footer(state).contains("scroll"), "\(footer(state))")
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        #expect(state.notice == "? does nothing in the alert's details")
        _ = DashboardReducer.reduce(&state, .key(.escape))

        _ = DashboardReducer.reduce(&state, .key(.character("v")))
        let silences = footer(state)
        #expect(silences.contains("X expire") && silences.contains("v alerts") && !silences.contains("x silence"), "\(silences)")
        _ = DashboardReducer.reduce(&state, .key(.character("t")))
        #expect(state.notice == "t does nothing in the Silences view")

        _ = DashboardReducer.reduce(&state, .key(.character("v")))
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        let dialog = footer(state)
        for key in ["Tab ↑ ↓ field", "← → duration", "Enter silence", "Esc cancel"] { #expect(dialog.contains(key), "\(key) missing: \(dialog)") }
        #expect(!dialog.contains("? help") && !dialog.contains("q quit"), "\(dialog)")

        var readOnly = try Self.state(width: 120, height: 40)
        readOnly.readOnly = true
        let quiet = footer(readOnly)
        #expect(!quiet.contains("x silence") && quiet.contains("Enter details"), "\(quiet)")
    }
}
