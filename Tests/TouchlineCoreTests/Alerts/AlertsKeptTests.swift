import Foundation
import Testing
@testable import TouchlineCore

/// Issue 14 §5: the incident snapshot and the rehearsal report keep the alerts firing and the silences active,
/// with their labels and since when.
@Suite("Alerts kept in snapshots and reports")
struct AlertsKeptTests {
    @Test("the dashboard's snapshot: firing alerts (muted ones marked), active silences, in JSON and Markdown")
    func snapshot() throws {
        var state = AlertFixtures.state()
        let silences = try AlertsJSON.silences(AlertFixtures.bytes(AlertFixtures.silences), what: "t").get()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts(), silences: silences)))
        let snapshot = IncidentSnapshot(state: state, actions: [], takenAt: AlertFixtures.now)
        let alerting = try #require(snapshot.alerting)
        #expect(alerting.alerts.map(\.name) == ["ApiHighLatency", "DataCollectionSuccessLow", "DiskFilling"])
        #expect(alerting.silences.map(\.id) == ["4b7ad24e-88f8-44fd-8cdd-ac161c42921b"])
        let json = IncidentSnapshotJSON.text(snapshot)
        #expect(json.contains("\"firing\" : ["))
        #expect(json.contains("\"starts_at\" : \"2026-11-30T05:25:03.585Z\""))
        #expect(json.contains("\"service\" : \"api\""))
        #expect(json.contains("\"created_by\" : \"alice@vm\""))
        let markdown = IncidentSnapshotMarkdown.text(snapshot)
        #expect(markdown.contains("## Alerts firing"))
        #expect(markdown.contains("| critical | ApiHighLatency"))
        #expect(markdown.contains("2026-11-30T05:25:03.585Z"))
        #expect(markdown.contains("env=staging job=football-api service=api"))
        #expect(markdown.contains("| warning  | DataCollectionSuccessLow | silenced"))
        #expect(markdown.contains("## Silences active"))
        #expect(markdown.contains("| 4b7ad24e-88f8-44fd-8cdd-ac161c42921b | alertname=\"DataCollectionSuccessLow\", env=\"staging\""))
    }

    @Test("an unreadable source is said, with the last lists; no [alerts] table leaves the sections out")
    func unreadable() throws {
        var state = AlertFixtures.state()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertsPoll(environment: "staging", time: AlertFixtures.now, error: "connection refused")))
        let markdown = IncidentSnapshotMarkdown.text(IncidentSnapshot(state: state, actions: [], takenAt: AlertFixtures.now))
        #expect(markdown.contains("**Could not read the alerts: connection refused** (the lists below are the last ones read)."))
        var bare = state
        bare.environments[0].alerts = nil
        let snapshot = IncidentSnapshot(state: bare, actions: [], takenAt: AlertFixtures.now)
        #expect(!IncidentSnapshotMarkdown.text(snapshot).contains("## Alerts firing"))
        #expect(IncidentSnapshotJSON.document(snapshot).value(at: "alerts") == .null)
    }

    @Test("the rehearsal report: the same sections in Markdown, `alerts` in JSON; pending alerts left out")
    func rehearsal() throws {
        var report = RehearsalReport(environment: "staging", label: "STAGING", startedAt: AlertFixtures.now)
        let prometheus = try AlertsJSON.prometheusAlerts(AlertFixtures.bytes(AlertFixtures.prometheusAlerts), what: "t").get()
        report.alerting = AlertsAtTime(AlertFixtures.poll(prometheus), source: "prometheus http://127.0.0.1:9090")
        let markdown = RehearsalMarkdown.render(report)
        #expect(markdown.contains("## Alerts firing") && markdown.contains("| critical | ApiHighLatency"))
        #expect(!markdown.contains("ApiHighErrorRate"))
        #expect(markdown.contains("## Silences active\n\nNone."))
        let json = RehearsalJSON.value(report)
        #expect(json.value(at: "alerts.source") == .string("prometheus http://127.0.0.1:9090"))
        #expect(json.value(at: "alerts.firing.0.name") == .string("ApiHighLatency"))
    }
}
