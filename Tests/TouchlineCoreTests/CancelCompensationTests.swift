import Foundation
import Testing
@testable import TouchlineCore

/// A cancel never cancels the recovery, in the reducer: the cancel dialog says what the cancel does for the
/// running action; while a rehearsal compensates, `c` asks (in other words) whether to stop the recovery,
/// naming the state it would leave; only that second confirmation stops it, and Events say so.
@Suite("Cancel and compensation in the reducer")
struct CancelCompensationTests {
    private func state() -> DashboardState {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: [])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 100), width: 120, height: 40)
        state.seedRehearsal(["scripts/stack deploy 1.6.0", "scripts/stack rollback {release before}"])
        return state
    }

    private func startRehearsal(_ state: inout DashboardState) {
        _ = DashboardReducer.reduce(&state, .key(.character("D")))
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        _ = DashboardReducer.reduce(&state, .key(.enter))
    }

    private func progress(_ running: RehearsalStep, activity: String, compensating: String? = nil,
                          left: String? = nil) -> DashboardEvent {
        var steps = RehearsalStep.allCases.map(RehearsalStepRecord.init)
        for index in steps.indices where steps[index].step.number < running.number { steps[index].state = .passed }
        if let index = steps.firstIndex(where: { $0.step == running }) { steps[index].state = .running }
        return .rehearsalProgress(RehearsalProgress(environment: "staging", steps: steps, activity: activity, changed: running,
                                                    compensating: compensating, leftIfStopped: left))
    }

    private func dialog(_ state: DashboardState) -> ActionRequest? {
        if case .confirm(let request) = state.overlay { return request }
        return nil
    }

    @Test("c during the load test: the dialog says the rollback still runs and only a second c stops it; y cancels the forward work")
    func cancelDuringLoad() throws {
        var state = state()
        startRehearsal(&state)
        _ = DashboardReducer.reduce(&state, progress(.load, activity: "Load test started"))
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        let request = try #require(dialog(state))
        #expect(request.action == "cancel" && request.target == "rehearsal")
        #expect(request.effect.contains("rolled back to the release before it"))
        #expect(request.effect.contains("still runs to its end"))
        #expect(request.effect.contains("only a second c can stop it"))
        #expect(!request.effect.contains("nothing partial is kept"))
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))) == [.cancelAction])
        #expect(state.runningAction?.cancelRequested == true)
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        #expect(dialog(state) == nil, "a second c before the compensation starts opens nothing")
        #expect(state.notice?.contains("already stopping") == true)
    }

    @Test("while compensating: the footer and Events say so; c asks to stop the recovery naming the state left; n keeps it; y stops it")
    func stopCompensation() throws {
        var state = state()
        startRehearsal(&state)
        _ = DashboardReducer.reduce(&state, progress(.load, activity: "Load test started"))
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        _ = DashboardReducer.reduce(&state, .key(.character("y")))
        _ = DashboardReducer.reduce(&state, progress(.rollback, activity: "compensating: rolling back to 1.5.0…",
                                                     compensating: "rolling back to 1.5.0",
                                                     left: "staging will be left on 1.6.0 (or between releases)"))
        #expect(state.runningAction?.progress == "compensating: rolling back to 1.5.0")
        #expect(state.actionOutput?.lines.last == "compensating: rolling back to 1.5.0…")
        #expect(state.events.first?.message == "rehearsal compensating: rolling back to 1.5.0")

        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        var request = try #require(dialog(state))
        #expect(request.action == "stop" && request.target == "rolling back to 1.5.0")
        #expect(request.effect.hasPrefix("stop the recovery (rolling back to 1.5.0)? staging will be left on 1.6.0"))
        #expect(request.effect.contains("roll back with u"))
        #expect(DashboardReducer.reduce(&state, .key(.character("n"))).isEmpty)
        #expect(state.notice == "rolling back to 1.5.0 keeps running")
        #expect(state.runningAction?.compensationStopRequested == false)

        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        request = try #require(dialog(state))
        #expect(request.action == "stop")
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))) == [.stopCompensation])
        #expect(state.runningAction?.compensationStopRequested == true)
        #expect(state.events.first?.message.contains("staging will be left on 1.6.0") == true)
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        #expect(dialog(state) == nil)

        _ = DashboardReducer.reduce(&state, progress(.rollback, activity: "compensation stopped: staging left on 1.6.0: roll back with u"))
        #expect(state.events.first?.message == "compensation stopped: staging left on 1.6.0: roll back with u")
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "rehearsal", ok: false,
                                                            message: "… CANCELLED at step 5 …; staging left on 1.6.0: roll back with u"))
        #expect(state.events.first?.message.contains("staging left on 1.6.0: roll back with u") == true)
        #expect(state.runningAction == nil)
    }

    @Test("every action's cancel dialog says what its cancel does and what it may leave", arguments: [
        ("rehearsal", "only a second c can stop it"),
        ("backup", "deletes the partial file"),
        ("restore backup_1.sql.gz", "rolls psql's one transaction back"),
        ("restart redis", "if redis was stopped and not started again it stays stopped (s starts it)"),
        ("rollback 1.4.0", "staging may be left between releases"),
    ])
    func consequences(action: String, says: String) {
        let text = CancelConsequence.ofCancel(action, environment: "staging")
        #expect(text.contains(says), "\(text)")
        #expect(!text.contains("nothing partial is kept"))
    }
}
