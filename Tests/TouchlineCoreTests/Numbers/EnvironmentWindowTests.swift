import Foundation
import Testing
@testable import TouchlineCore

/// Issue 11 §5 case D: each environment keeps its own window while another is shown.
@Suite("Numbers: per-environment windows with the unpolled stretch marked")
struct EnvironmentWindowTests {
    /// Staging polled for 120 s, production shown for 60 s, staging again for 10 s.
    func switchedAndBack() -> DashboardState {
        var state = NumbersFixtures.state(environments: ["staging", "production"])
        for second in 0..<120 { NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: Double(second), latency: 0.010)) }
        state.now = NumbersFixtures.start.addingTimeInterval(120)
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        let production = state.generation
        for second in 121..<180 {
            _ = DashboardReducer.reduce(&state, .sample(NumbersFixtures.sample(.up, at: Double(second), latency: 0.500), generation: production))
        }
        state.now = NumbersFixtures.start.addingTimeInterval(180)
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        for second in 181...190 { NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: Double(second), latency: 0.020)) }
        state.now = NumbersFixtures.start.addingTimeInterval(190)
        return state
    }

    @Test("returning keeps staging's history: 130 samples, not 10; production's samples never mix in")
    func keepsHistory() {
        let state = switchedAndBack()
        #expect(state.environment.name == "staging")
        let window = state.probes[0].window
        #expect(window.retained.count == 130)
        #expect(!window.retained.contains { $0.latency == 0.5 })
        #expect(state.away["production"]?.first?.window.retained.count == 59)
    }

    @Test("the stats know the gap: 5m covers 130 samples and 60 s not polled; no samples are made up")
    func statsKnowTheGap() {
        let state = switchedAndBack()
        let five = state.probes[0].window.stats(over: 300, now: state.now)
        #expect(five.count == 130)
        #expect(five.unpolledSeconds == 60)
        #expect(five.availability == 1)
        let minute = state.probes[0].window.stats(over: 60, now: state.now)
        #expect(minute.count == 10)
        #expect(minute.unpolledSeconds == 50)
    }

    @Test("the sparkline has one gap column between the two stretches")
    func gapColumn() {
        let state = switchedAndBack()
        let points = state.probes[0].recentPoints(12)
        #expect(points.count == 12)
        #expect(points[0] == .latency(0.010))
        #expect(points[1] == .gap)
        #expect(points[2...].allSatisfy { $0 == .latency(0.020) })
        #expect(state.probes[0].recentPoints(200).filter { $0 == .gap }.count == 1)
    }

    @Test("just back, before the first poll: the gap is the newest column; the status is the last one known")
    func justBack() {
        var state = NumbersFixtures.state(environments: ["staging", "production"])
        for second in 0..<5 { NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: Double(second))) }
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        state.now = NumbersFixtures.start.addingTimeInterval(30)
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        #expect(state.probes[0].recentPoints(10).last == .gap)
        #expect(state.probes[0].status == .up)
    }

    @Test("the snapshot of staging covers its history and names the stretch without polling")
    func snapshot() throws {
        let state = switchedAndBack()
        let snapshot = IncidentSnapshot(state: state, actions: [], takenAt: state.now)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(IncidentSnapshotJSON.text(snapshot).utf8)) as? [String: Any])
        let probe = try #require((object["probes"] as? [[String: Any]])?.first)
        #expect((probe["samples"] as? [Any])?.count == 130)
        let gaps = try #require(probe["unpolled"] as? [[String: Any]])
        #expect(gaps.count == 1)
        #expect(gaps.first?["seconds"] as? Double == 60)
        #expect(((probe["stats"] as? [String: Any])?["5m"] as? [String: Any])?["unpolled_seconds"] as? Double == 60)
        #expect(IncidentSnapshotMarkdown.text(snapshot).contains("not polled from"))
    }

    @Test("an environment away longer than the retention comes back empty: memory stays bounded")
    func agesOut() {
        var state = NumbersFixtures.state(environments: ["staging", "production"])
        for second in 0..<600 { NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: Double(second))) }
        state.now = NumbersFixtures.start.addingTimeInterval(600)
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        state.now = NumbersFixtures.start.addingTimeInterval(600 + 1000)
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        #expect(state.probes[0].window.samples.isEmpty)
        #expect(state.probes[0].window.stats(over: 300, now: state.now).count == 0)
        #expect(state.probes[0].window.stats(over: 300, now: state.now).unpolledSeconds == 300)
    }
}
