import Foundation
@testable import TouchlineCore

/// Alertmanager and Prometheus answers as the stack's real ones look (recorded from Alertmanager 0.25 and
/// Prometheus 2.42 under `scripts/stack fault api latency 3s`), and states built from them.
enum AlertFixtures {
    static let now = Date(timeIntervalSince1970: 1_796_016_400) // 2026-11-30T05:26:40Z

    static let alertmanagerAlerts = """
    [{"annotations":{"description":"The Football Prediction API's 95th percentile request latency is 4.817s over the last 15 seconds (threshold 1 s).","summary":"API p95 latency is over 1 s"},"endsAt":"2026-11-30T05:27:11.585Z","fingerprint":"5db36619c167380a","receivers":[{"name":"alerts-staging"}],"startsAt":"2026-11-30T05:25:03.585123456Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"2026-11-30T05:26:11.585Z","generatorURL":"http://vm:9090/graph?g0.expr=x","labels":{"alertname":"ApiHighLatency","env":"staging","job":"football-api","service":"api","severity":"critical"}},
     {"annotations":{"summary":"Data collection success under 85 %"},"endsAt":"2026-11-30T05:27:11.585Z","fingerprint":"aa01","receivers":[{"name":"alerts-staging"}],"startsAt":"2026-11-30T05:20:00Z","status":{"inhibitedBy":[],"silencedBy":["4b7ad24e-88f8-44fd-8cdd-ac161c42921b"],"state":"suppressed"},"updatedAt":"2026-11-30T05:26:11.585Z","generatorURL":"","labels":{"alertname":"DataCollectionSuccessLow","env":"staging","service":"collector","severity":"warning"}},
     {"annotations":{},"endsAt":"2026-11-30T05:27:11.585Z","fingerprint":"bb02","receivers":[],"startsAt":"2026-11-30T07:10:00+02:00","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"labels":{"alertname":"DiskFilling","env":"staging","service":"db"}}]
    """

    static let silences = """
    [{"id":"4b7ad24e-88f8-44fd-8cdd-ac161c42921b","status":{"state":"active"},"updatedAt":"2026-11-30T05:02:11.279Z","comment":"manual test","createdBy":"alice@vm","endsAt":"2026-11-30T06:02:11.265Z","matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"DataCollectionSuccessLow"},{"isEqual":true,"isRegex":false,"name":"env","value":"staging"}],"startsAt":"2026-11-30T05:02:11.265Z"},
     {"id":"c0ffee00-0000-4000-8000-000000000000","status":{"state":"expired"},"updatedAt":"2026-11-30T05:02:11.279Z","comment":"old","createdBy":"bob@vm","endsAt":"2026-11-30T05:10:00Z","matchers":[{"isEqual":true,"isRegex":true,"name":"service","value":"api|db"}],"startsAt":"2026-11-30T05:00:00Z"}]
    """

    static let prometheusAlerts = """
    {"status":"success","data":{"alerts":[{"labels":{"alertname":"ApiHighLatency","env":"staging","severity":"critical"},"annotations":{"summary":"p95 over 1 s"},"state":"firing","activeAt":"2026-11-30T05:25:01.12345678Z","value":"4.817e+00"},{"labels":{"alertname":"ApiHighErrorRate","env":"staging","severity":"critical"},"annotations":{},"state":"pending","activeAt":"2026-11-30T05:26:30Z","value":"7e-02"},{"labels":{"alertname":"Other","env":"production","severity":"warning"},"annotations":{},"state":"firing","activeAt":"2026-11-30T05:26:30Z","value":"1"}]}}
    """

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func alerts() throws -> [Alert] {
        try AlertsJSON.alertmanagerAlerts(bytes(alertmanagerAlerts), what: "GET test").get()
    }

    static func config(bell: Bool = true, prometheus: Bool = false) -> AlertsConfig {
        AlertsConfig(source: prometheus ? .prometheus("http://127.0.0.1:9090") : .alertmanager("http://127.0.0.1:9095/"),
                     matchers: [AlertMatcher(name: "env", value: "staging")], interval: 1, timeout: 1, bell: bell)
    }

    /// A dashboard state on `staging` (protected when asked) with an `[alerts]` table.
    static func state(protected: Bool = false, readOnly: Bool = false, bell: Bool = true, prometheus: Bool = false) -> DashboardState {
        var environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: protected,
                                            stateDirectory: "/tmp/touchline-alerts-test", probes: [])
        environment.alerts = config(bell: bell, prometheus: prometheus)
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [], readOnly: readOnly,
                                   now: now, width: 120, height: 40)
        state.alerting.createdBy = "alice@laptop"
        return state
    }

    static func poll(_ alerts: [Alert], silences: [AlertSilence] = [], at time: Date = now) -> AlertsPoll {
        AlertsPoll.answered(environment: "staging", time: time, alerts: alerts, silences: silences,
                            matchers: [AlertMatcher(name: "env", value: "staging")])
    }
}
