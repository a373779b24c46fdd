import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Config view (key C), its diff and its restore dialog: render snapshots.
@Suite("Config view: render snapshots")
struct ConfigViewSnapshotTests {
    static let envThen = "API_RELEASE=1.5.0\nLOG_LEVEL=info\nDB_PASSWORD=old-pw\nDATABASE_URL=postgres://app:url-pw@db:5432/app\nWORKERS=2\n"
    static let envNow = "API_RELEASE=1.6.0\nLOG_LEVEL=info\nDB_PASSWORD=new-pw\nDATABASE_URL=postgres://app:url-pw@db:5432/app\nWORKERS=2\nFEATURE_X=on\n"
    static let composeText = "services:\n  api:\n    environment:\n      - API_TOKEN=tok\n"

    /// The standard scenario with two listed files and three snapshots; the drift warning on.
    static func state(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        let config = ConfigFilesConfig(environment: "staging", paths: ["/srv/app/.env.staging", "/srv/app/docker-compose.staging.yml"],
                                       directory: "/var/lib/touchline/staging/config-snapshots",
                                       applyCommand: ["docker", "compose", "-f", "docker-compose.staging.yml", "up", "-d"],
                                       workingDirectory: "/srv/app")
        state.environments[0].actions.configFiles = config
        state.actions = ActionCatalog(environments: state.environments)
        let envChange = ConfigDiff.change(path: config.paths[0], snapshot: .bytes(Array(envThen.utf8)), current: .bytes(Array(envNow.utf8)))
        let same = ConfigFileChange(path: config.paths[1], state: .unchanged)
        state.configSnapshots = ConfigSnapshotListing(environment: "staging", rows: [
            ConfigSnapshotRow(id: "20250615T150000Z-3f2a", takenAt: Scenarios.time(300), trigger: "before deploy 1.6.0",
                              changes: [envChange, same]),
            ConfigSnapshotRow(id: "20250615T120000Z-0b11", takenAt: Scenarios.time(11_100), trigger: "manual",
                              changes: [envChange, ConfigFileChange(path: config.paths[1], state: .deleted,
                                                                    counts: UnifiedDiff.Counts(added: 0, removed: 4))]),
            ConfigSnapshotRow(id: "20250614T020000Z-77c0", takenAt: Scenarios.time(46_000), trigger: "before rollback 1.4.2",
                              changes: [ConfigFileChange(path: config.paths[0], state: .unchanged), same]),
        ], drift: "config drift: .env.staging changed")
        return state
    }

    @Test("the Config view lists snapshots with age, trigger and the files that differ; the header warns of drift")
    func list() {
        var state = Self.state(width: 120, height: 40)
        state.overlay = .configSnapshots(selected: 0)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "config-snapshots-120x40")
        var small = Self.state(width: 80, height: 24)
        small.overlay = .configSnapshots(selected: 1)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(small), named: "config-snapshots-80x24")
    }

    @Test("Enter: the unified diff, coloured by kind, secrets masked as changed or unchanged")
    func diff() {
        var state = Self.state(width: 120, height: 40)
        let lines = ConfigDiff.lines(path: "/srv/app/.env.staging", name: ".env.staging", snapshot: .bytes(Array(Self.envThen.utf8)),
                                     current: .bytes(Array(Self.envNow.utf8)))
            + ConfigDiff.lines(path: "/srv/app/docker-compose.staging.yml", name: "docker-compose.staging.yml",
                               snapshot: .bytes(Array(Self.composeText.utf8)), current: .bytes(Array(Self.composeText.utf8)))
        state.overlay = .configDiff(ConfigDiffText(snapshot: "20250615T150000Z-3f2a", lines: lines))
        let buffer = DashboardRenderer.render(state)
        let text = (0..<buffer.height).map(buffer.rowText).joined(separator: "\n")
        #expect(!text.contains("old-pw") && !text.contains("new-pw") && !text.contains("url-pw"))
        #expect(text.contains("+DB_PASSWORD=***(changed)") && text.contains("postgres://app:***@db"))
        SnapshotAssertion.assertMatches(buffer, named: "config-diff-120x40")
    }

    @Test("R: the restore dialog, over the Config view it came from, shows the files it writes with lines added and removed, and the apply command")
    func restoreDialog() throws {
        var state = Self.state(width: 120, height: 40)
        let row = try #require(state.configSnapshots?.rows[1])
        let spec = try #require(state.actions.configRestore(row, in: "staging"))
        #expect(spec.dangerous && spec.takesEnvironmentLock && spec.confirmation == .typeEnvironmentName)
        #expect(spec.commands == [["docker", "compose", "-f", "docker-compose.staging.yml", "up", "-d"]])
        state.overlay = .confirm(ActionRequest(spec: spec, from: .configSnapshots(selected: 1)))
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "config-restore-dialog-120x40")
    }
}
