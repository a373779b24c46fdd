import Testing
import TouchlineCore

@Suite("Release plan")
struct ReleasePlanTests {
    @Test("the previous release is the one listed right after the running one")
    func previous() {
        let plan = ReleasePlan(releases: ["1.6.0", "1.5.0", "1.4.2"], running: "1.5.0")
        #expect(plan.previous == "1.4.2" && plan.noPreviousReason == nil)
        #expect(plan.refusal(for: "1.5.0") == "1.5.0 is already running")
        #expect(plan.refusal(for: "0.9") != nil)
        #expect(plan.refusal(for: "1.6.0") == nil)
    }

    @Test("no previous release when the running one is the oldest, unlisted or unknown")
    func noPrevious() {
        #expect(ReleasePlan(releases: ["1.5.0", "1.4.2"], running: "1.4.2").noPreviousReason?.contains("oldest") == true)
        #expect(ReleasePlan(releases: ["1.5.0", "1.4.2"], running: "2.0").noPreviousReason?.contains("not among") == true)
        #expect(ReleasePlan(releases: ["1.5.0", "1.4.2"], running: nil).noPreviousReason?.contains("unknown") == true)
        #expect(ReleasePlan(releases: ["1.5.0", "1.4.2"], running: nil).previous == nil)
        let down = ReleasePlan(releases: ["1.5.0"], running: nil, runningUnknownBecause: "api: connection refused (127.0.0.1:8001)")
        #expect(down.noPreviousReason == "the running release is unknown (api: connection refused (127.0.0.1:8001))")
    }
}
