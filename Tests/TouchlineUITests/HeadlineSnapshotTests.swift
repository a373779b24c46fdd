import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// Issue 15 items 1, 4 and 5 on screen: the header's verdict without the optional probes and their count
/// apart, the footer's hints for the selected service, the Backups view's origin column.
@Suite("Headline, selection hints and backup origins: render snapshots")
struct HeadlineSnapshotTests {
    /// The standard scenario with auth and queue-worker marked optional and down for the last minute, and
    /// restart tables for api, so the footer offers `s restart api` on the selected row.
    static func optionalDown(width: Int, height: Int) -> DashboardState {
        var environments = Scenarios.environments()
        environments[0].probes = environments[0].probes.map { probe in
            var probe = probe
            probe.optional = ["auth", "queue-worker"].contains(probe.name)
            return probe
        }
        var state = DashboardState(environments: environments, environmentIndex: 0, theme: "default",
                                   themes: ["default"], readOnly: false, now: Scenarios.now, width: width, height: height)
        state.actions.entries["staging", default: .init()].restarts["api"] = ActionSpec(
            kind: .restart, environment: "staging", target: "api", commands: [["scripts/stack", "restart", "api"]],
            lines: ["scripts/stack restart api"], consequence: "", confirmation: .yesNo)
        state.actions.entries["staging", default: .init()].backup = ActionSpec(
            kind: .backup, environment: "staging", commands: [["pg_dump"]], lines: ["pg_dump … | gzip -c > backups/staging/x.sql.gz"],
            consequence: "", confirmation: .yesNo)
        state.actions.entries["staging", default: .init()].rollback = ActionSpec(
            kind: .rollback, environment: "staging", commands: [["scripts/stack", "rollback", "{release}"]],
            lines: ["scripts/stack rollback {release}"], consequence: "", confirmation: .typeEnvironmentName)
        let down: (String) -> Scenarios.Generator = { name in
            let standard = Scenarios.standard(name)
            return { index, ago in
                ago > 60 ? standard(index, ago)
                         : ProbeSample(probe: name, time: Scenarios.time(ago), status: .down, latency: nil, error: "connection refused")
            }
        }
        Scenarios.feed(&state, override: ["auth": down("auth"), "queue-worker": down("queue-worker")])
        return state
    }

    /// Three backups of three origins, the safety one selected.
    static func backupOrigins(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        state.backupRows = [
            BackupRow(file: "app_20250615_150000.sql.gz", created: Scenarios.time(400), size: 48_000_000, state: "verified",
                      origin: .safety, restoring: "app_20250614_020000.sql.gz"),
            BackupRow(file: "app_20250615_120000.sql.gz", created: Scenarios.time(11_200), size: 47_500_000, state: "verified",
                      origin: .rehearsal),
            BackupRow(file: "app_20250614_020000.sql.gz", created: Scenarios.time(46_000), size: 47_000_000, state: "verified",
                      origin: .manual),
            BackupRow(file: "app_20250601_020000.sql.gz", created: Scenarios.time(1_250_000), size: 45_000_000, state: "unlisted"),
        ]
        state.overlay = .backups(selected: 0)
        return state
    }

    @Test("optional probes down: the verdict is UP, `2 optional down` beside it, restart hint for the selected row")
    func optionalProbes() {
        let state = Self.optionalDown(width: 120, height: 40)
        #expect(state.overallStatus == .up)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "optional-down-120x40")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.optionalDown(width: 80, height: 24)), named: "optional-down-80x24")
    }

    @Test("the Backups view uses a wide screen for long file names and cuts them with `…`; the footer lists its own keys")
    func backupsWidth() {
        var state = Self.backupOrigins(width: 120, height: 40)
        let long = "app_production_eu_west_primary_cluster_20250615_150000_before_restore_of_yesterday.sql.gz"
        state.backupRows[0].file = long
        let buffer = DashboardRenderer.render(state)
        let rows = (0..<40).map(buffer.rowText)
        let text = rows.joined(separator: "\n")
        #expect(text.contains(String(long.prefix(60))), "the name uses the width past 100 columns\n\(text)")
        #expect(rows.contains { $0.contains(String(long.prefix(40))) && $0.contains("…") }, "cut with …\n\(text)")
        #expect(rows.contains { $0.contains("app_20250614_020000.sql.gz") })
        let footer = rows[39]
        #expect(footer.contains("select") && footer.contains("restore") && footer.contains("Esc close"), "\(footer)")
        #expect(!footer.contains("help") && !footer.contains("zoom") && !footer.contains("next pane"), "\(footer)")
        var narrow = Self.backupOrigins(width: 80, height: 24)
        narrow.backupRows[0].file = long
        let narrowText = (0..<24).map(DashboardRenderer.render(narrow).rowText).joined(separator: "\n")
        #expect(narrowText.contains("…"), "\(narrowText)")
    }

    @Test("the Backups view with no backup offers no restore, in its own key line or the footer")
    func backupsEmpty() {
        var state = Self.backupOrigins(width: 120, height: 40)
        state.backupRows = []
        let rows = (0..<40).map(DashboardRenderer.render(state).rowText)
        #expect(!rows.joined(separator: "\n").contains("restore"), "\(rows.joined(separator: "\n"))")
        #expect(rows[39].contains("Esc close"), "\(rows[39])")
    }

    @Test("the Backups view marks each backup's origin; the selected safety backup names the restore it preceded")
    func origins() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.backupOrigins(width: 120, height: 40)), named: "backup-origins-120x40")
    }
}
