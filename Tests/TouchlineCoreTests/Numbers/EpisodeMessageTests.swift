import Foundation
import Testing
@testable import TouchlineCore

/// Issue 11 §5 case B: the recovery message states the episode as it was.
@Suite("Numbers: episode messages state how long each status lasted")
struct EpisodeMessageTests {
    @Test("down :39, degraded :55, down :09, up :14 → up again after 35 s (21 s down, 14 s degraded)")
    func issueSequence() {
        var state = NumbersFixtures.state([NumbersFixtures.api(failureThreshold: 1, successThreshold: 1)])
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 30))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.down, at: 39))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.degraded, at: 55))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.down, at: 69))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 74))
        #expect(NumbersFixtures.messages(state).last == "api up again after 35 s (21 s down, 14 s degraded)")
        #expect(state.probes[0].episode == nil)
    }

    @Test("the same through the default thresholds: degraded entered on its second poll, the times follow the events")
    func withThresholds() {
        var state = NumbersFixtures.state()
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 0))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.degraded, at: 10))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.degraded, at: 12))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.down, at: 20))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 30))
        #expect(NumbersFixtures.messages(state) == ["api degraded: degraded reason", "api down: down reason",
                                                   "api up again after 18 s (10 s down, 8 s degraded)"])
    }

    @Test("one status in the episode: `up again after 16 s down`; degraded alone likewise")
    func singleStatus() {
        var state = NumbersFixtures.state([NumbersFixtures.api(failureThreshold: 1, successThreshold: 1)])
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 0))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.down, at: 4))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 20))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.degraded, at: 100))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 225))
        #expect(NumbersFixtures.messages(state) == ["api down: down reason", "api up again after 16 s down",
                                                   "api degraded: degraded reason", "api up again after 2m 05s degraded"])
    }

    @Test("the parts are whole seconds that add up to the total")
    func rounding() {
        #expect(StatusEpisode.apportion([20.5, 14.5], total: 35) == [21, 14] || StatusEpisode.apportion([20.5, 14.5], total: 35) == [20, 15])
        #expect(StatusEpisode.apportion([10.6, 10.6], total: 21.2).reduce(0, +) == 21)
        #expect(StatusEpisode.duration(35) == "35 s")
        #expect(StatusEpisode.duration(185) == "3m 05s")
        #expect(StatusEpisode.duration(3720) == "1h 02m")
    }

    @Test("an episode across an environment switch counts the time away as not polled, not as down")
    func acrossSwitch() {
        var state = NumbersFixtures.state(environments: ["staging", "production"])
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 0))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.down, at: 10))
        state.now = NumbersFixtures.start.addingTimeInterval(20)
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        state.now = NumbersFixtures.start.addingTimeInterval(80)
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        NumbersFixtures.feed(&state, NumbersFixtures.sample(.up, at: 85))
        #expect(NumbersFixtures.messages(state).last == "api up again after 1m 15s (15 s down, 1m 00s not polled)")
    }
}
