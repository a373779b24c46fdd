import Foundation
import Testing
@testable import TouchlineCore

/// Issue 11 §5 case C: `failure_threshold` / `success_threshold` keep a probe from flapping.
@Suite("Numbers: failure and success thresholds")
struct StatusThresholdTests {
    @Test("flapping degraded/up every poll never leaves up, and makes no events")
    func flapping() {
        var state = NumbersFixtures.thresholdState()
        let shown = NumbersFixtures.feed(&state, statuses: [.up, .degraded, .up, .degraded, .up, .degraded, .up, .degraded, .up])
        #expect(shown.allSatisfy { $0 == .up })
        #expect(NumbersFixtures.messages(state).isEmpty)
        #expect(state.probes[0].window.retained.count == 9, "every raw sample still feeds the window")
    }

    @Test("degraded needs 2 polls in a row to enter and 2 to leave")
    func enterAndLeave() {
        var state = NumbersFixtures.thresholdState()
        let shown = NumbersFixtures.feed(&state, statuses: [.up, .degraded, .degraded, .up, .degraded, .up, .up])
        #expect(shown == [.up, .up, .degraded, .degraded, .degraded, .degraded, .up])
        #expect(NumbersFixtures.messages(state) == ["api degraded: degraded reason", "api up again after 4 s degraded"])
    }

    @Test("down shows on the first failing poll, from up and from degraded")
    func downAtOnce() {
        var state = NumbersFixtures.thresholdState(failureThreshold: 5)
        #expect(NumbersFixtures.feed(&state, statuses: [.up, .down]) == [.up, .down])
        var degraded = NumbersFixtures.thresholdState(failureThreshold: 1)
        #expect(NumbersFixtures.feed(&degraded, statuses: [.up, .degraded, .down]) == [.up, .degraded, .down])
    }

    @Test("the first good poll after down shows up at once, whatever success_threshold says")
    func upAtOnceAfterDown() {
        var state = NumbersFixtures.thresholdState(successThreshold: 10)
        #expect(NumbersFixtures.feed(&state, statuses: [.up, .down, .up]) == [.up, .down, .up])
        var partial = NumbersFixtures.thresholdState(successThreshold: 10)
        #expect(NumbersFixtures.feed(&partial, statuses: [.up, .down, .degraded]) == [.up, .down, .degraded])
    }

    @Test("the first poll sets the status directly, degraded included")
    func firstPoll() {
        var state = NumbersFixtures.thresholdState()
        #expect(NumbersFixtures.feed(&state, statuses: [.degraded]) == [.degraded])
    }

    @Test("thresholds of 3: two degraded polls then up is still up; the pending count is shown")
    func three() {
        var state = NumbersFixtures.thresholdState(failureThreshold: 3, successThreshold: 3)
        #expect(NumbersFixtures.feed(&state, statuses: [.up, .degraded, .degraded]) == [.up, .up, .up])
        #expect(state.probes[0].pendingText == "degraded 2 of 3 polls")
        #expect(state.probes[0].rawStatus == .degraded)
        #expect(NumbersFixtures.feed(&state, statuses: [.degraded], from: 3) == [.degraded])
        #expect(state.probes[0].pendingText == nil)
    }

    @Test("config: per probe, environment defaults, and 2/2 when neither sets them")
    func config() throws {
        let text = """
            [environments.qa]
            failure_threshold = 3
            [[environments.qa.probes]]
            name = "a"
            kind = "tcp"
            address = "127.0.0.1:1"
            [[environments.qa.probes]]
            name = "b"
            kind = "tcp"
            address = "127.0.0.1:2"
            failure_threshold = 1
            success_threshold = 5
            [environments.prod]
            [[environments.prod.probes]]
            name = "c"
            kind = "tcp"
            address = "127.0.0.1:3"
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        let qa = config.environments[0].probes
        #expect(qa[0].failureThreshold == 3 && qa[0].successThreshold == 2)
        #expect(qa[1].failureThreshold == 1 && qa[1].successThreshold == 5)
        let prod = config.environments[1].probes[0]
        #expect(prod.failureThreshold == 2 && prod.successThreshold == 2)
    }
}
