import Foundation
import Testing
@testable import TouchlineCore

/// Issue 15 items 1, 4, 5 and 7 at the reducer: optional probes out of the verdict, every key answering,
/// events tagged with their environment, a changed release as an event.
@Suite("Headline, key answers, event tags and release changes in the reducer")
struct HeadlineReducerTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func probe(_ name: String, optional: Bool = false) -> ProbeConfig {
        var config = ProbeConfig(name: name, interval: 1, timeout: 1, latencyWarn: nil,
                                 target: .tcp(HostPort(host: "127.0.0.1", port: 9)), failureThreshold: 1, successThreshold: 1)
        config.optional = optional
        return config
    }

    static func state(environments count: Int = 1) -> DashboardState {
        let probes = [probe("api"), probe("postgres"), probe("kafka", optional: true), probe("mlflow", optional: true)]
        let names = ["staging", "production", "dev"]
        let environments = (0..<count).map {
            EnvironmentConfig(name: names[$0], label: names[$0].uppercased(), interval: 1, protected: false,
                              stateDirectory: "/tmp/x", probes: probes)
        }
        return DashboardState(environments: environments, environmentIndex: 0, theme: "default",
                              themes: ["default", "high-contrast"], readOnly: false, now: start, width: 120, height: 40)
    }

    static func sample(_ probe: String, _ status: ProbeStatus, at second: Double, version: String? = nil) -> DashboardEvent {
        .sample(ProbeSample(probe: probe, time: start.addingTimeInterval(second), status: status, latency: 0.01,
                            error: status == .down ? "connection refused" : nil, version: version), generation: 0)
    }

    @Test("optional probes down leave the verdict up and are counted apart; a required one down turns it down")
    func optionalProbes() {
        var state = Self.state()
        for name in ["api", "postgres"] { _ = DashboardReducer.reduce(&state, Self.sample(name, .up, at: 1)) }
        for name in ["kafka", "mlflow"] { _ = DashboardReducer.reduce(&state, Self.sample(name, .down, at: 1)) }
        #expect(state.overallStatus == .up)
        #expect(state.optionalDown.map(\.config.name) == ["kafka", "mlflow"])
        #expect(state.events.contains { $0.probe == "kafka" && $0.status == .down }, "optional probes still make events")
        _ = DashboardReducer.reduce(&state, Self.sample("postgres", .down, at: 2))
        #expect(state.overallStatus == .down)
    }

    @Test("a changed version field is an event, whoever deployed; the first version and a steady one are not")
    func releaseChange() {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, Self.sample("api", .up, at: 1, version: "1.5.0"))
        _ = DashboardReducer.reduce(&state, Self.sample("api", .up, at: 2, version: "1.5.0"))
        #expect(!state.events.contains { $0.message.contains("release") })
        _ = DashboardReducer.reduce(&state, Self.sample("api", .down, at: 3))
        _ = DashboardReducer.reduce(&state, Self.sample("api", .up, at: 4, version: "1.6.0"))
        #expect(state.events.first?.message == "api release 1.5.0 → 1.6.0")
        #expect(state.events.dropFirst().first?.message.hasPrefix("api up again after") == true)
        _ = DashboardReducer.reduce(&state, Self.sample("api", .up, at: 5, version: "1.6.0"))
        #expect(state.events.filter { $0.message.contains("release") }.count == 1)
    }

    @Test("t, r, r while paused and a digit past the environments each answer in the footer")
    func everyKeyAnswers() {
        var state = Self.state(environments: 2)
        _ = DashboardReducer.reduce(&state, .key(.character("t")))
        #expect(state.notice == "theme: high-contrast")
        #expect(DashboardReducer.reduce(&state, .key(.character("r"))) == [.pollNow])
        #expect(state.notice == "polled 4 probes")
        _ = DashboardReducer.reduce(&state, .key(.character("p")))
        #expect(DashboardReducer.reduce(&state, .key(.character("r"))).isEmpty)
        #expect(state.notice == "paused: r polls when resumed")
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        #expect(state.notice == "no environment 3 (2 configured: 1-2)")
        #expect(state.environmentIndex == 0)
    }

    @Test("an action key while a rehearsal runs says what it waits for")
    func busyAnswer() {
        var state = Self.state()
        state.seedBackup("pg_dump …")
        state.runningAction = RunningAction(action: "rehearsal", progress: "step 3/8")
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(state.overlay == nil)
        #expect(state.notice == "a rehearsal is running: b waits for it")
        state.runningAction = RunningAction(action: "restart api", progress: "waiting")
        _ = DashboardReducer.reduce(&state, .key(.character("D")))
        #expect(state.notice == "a restart is running: D waits for it")
    }

    @Test("events carry the environment shown when they happened; shown tagged only with several environments")
    func eventTags() {
        var state = Self.state(environments: 2)
        _ = DashboardReducer.reduce(&state, Self.sample("api", .up, at: 1))
        _ = DashboardReducer.reduce(&state, Self.sample("api", .down, at: 2))
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: Self.start.addingTimeInterval(3), status: .up,
                                                                 latency: 0.01), generation: 1))
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: Self.start.addingTimeInterval(4), status: .down,
                                                                 latency: nil, error: "refused"), generation: 1))
        let texts = state.events.map { $0.displayText(tagged: true) }
        #expect(texts == ["[production] api down: refused", "[production] switched from staging to production",
                          "[staging] api down: connection refused"])
        #expect(state.events.last?.displayText(tagged: false) == "api down: connection refused")
    }
}
