import Testing
import TouchlineCore
@testable import TouchlineUI

@Suite("Full-screen render snapshots")
struct RenderSnapshotTests {
    typealias Builder = @Sendable (Int, Int) -> DashboardState

    static let scenarios: [(String, Builder)] = [
        ("all-up", Scenarios.allUp),
        ("redis-down", Scenarios.redisDown),
        ("postgres-locks", Scenarios.postgresLocks),
        ("postgres-idle-transaction", Scenarios.postgresIdleTransaction),
        ("paused", Scenarios.paused),
        ("help", Scenarios.help),
        ("environment-picker", Scenarios.picker),
        ("zoomed", Scenarios.zoomed),
        ("filtering", Scenarios.filtering),
        ("action-running", Scenarios.actionRunning),
        ("rehearsal-running", Scenarios.rehearsalRunning),
        ("api-timing-out", Scenarios.apiTimingOut),
        ("environment-returned", Scenarios.returned),
    ]

    @Test("80x24 (compact layout)", arguments: scenarios.map(\.0))
    func compact(name: String) throws {
        let builder = try #require(Self.scenarios.first { $0.0 == name }?.1)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(builder(80, 24)), named: "\(name)-80x24")
    }

    @Test("120x40 (default layout)", arguments: scenarios.map(\.0))
    func standard(name: String) throws {
        let builder = try #require(Self.scenarios.first { $0.0 == name }?.1)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(builder(120, 40)), named: "\(name)-120x40")
    }

    @Test("200x60")
    func large() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Scenarios.allUp(width: 200, height: 60)), named: "all-up-200x60")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Scenarios.redisDown(width: 200, height: 60)), named: "redis-down-200x60")
    }

    @Test("too small: 60x15 and 79x30")
    func tooSmall() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Scenarios.allUp(width: 60, height: 15)), named: "too-small-60x15")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Scenarios.allUp(width: 79, height: 30)), named: "too-small-79x30")
    }
}
