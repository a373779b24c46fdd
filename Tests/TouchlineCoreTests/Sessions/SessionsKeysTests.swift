import Foundation
import Testing
@testable import TouchlineCore

/// The Sessions view's rules through the reducer: open, periodic re-read, freezing, the dialogs.
@Suite("Sessions view keys")
struct SessionsKeysTests {
    private func state(protected: Bool = false) -> DashboardState {
        let probes = [ProbeConfig(name: "db", interval: 2, timeout: 2, latencyWarn: nil, target: .postgres(dsn: "host=x", passwordEnv: nil))]
        let environment = EnvironmentConfig(name: protected ? "production" : "staging", label: "X", interval: 2, protected: protected,
                                            stateDirectory: "/tmp", probes: probes)
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [], readOnly: false,
                                   now: Date(timeIntervalSince1970: 1_000), width: 120, height: 40)
        state.unlockedUntil[environment.name] = Date(timeIntervalSince1970: 5_000)
        return state
    }

    private let list = SessionsList(sessions: [
        ActivitySession(pid: 1, state: "active", backendStart: "a", querySeconds: 9, query: "SELECT pg_sleep(60)"),
        ActivitySession(pid: 2, state: "idle in transaction", backendStart: "b", xactSeconds: 5, query: "UPDATE t"),
    ])

    @Test("a opens on the postgres probe and reads; ticks re-read every 2 s while not frozen")
    func openAndRefresh() {
        var state = state()
        #expect(DashboardReducer.reduce(&state, .key(.character("a"))) == [.listSessions(probe: "db")])
        #expect(state.overlay == .sessions)
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: list, error: nil, querySeconds: 0.003))
        #expect(DashboardReducer.reduce(&state, .tick(state.now.addingTimeInterval(1))).isEmpty)
        #expect(DashboardReducer.reduce(&state, .tick(state.now.addingTimeInterval(2))) == [.listSessions(probe: "db")])
    }

    @Test("selecting freezes: a periodic answer is dropped, r re-reads and keeps the pid selected")
    func frozen() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: list, error: nil, querySeconds: 0))
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(state.sessionsView?.frozen == true && state.sessionsView?.selectedRow?.session.pid == 1)
        #expect(DashboardReducer.reduce(&state, .tick(state.now.addingTimeInterval(10))).isEmpty)
        let moved = SessionsList(sessions: [ActivitySession(pid: 3, state: "active", querySeconds: 99)] + list.sessions)
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: moved, error: nil, querySeconds: 0))
        #expect(state.sessionsView?.rows.count == 2, "frozen rows stay")
        #expect(DashboardReducer.reduce(&state, .key(.character("r"))) == [.listSessions(probe: "db")])
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: moved, error: nil, querySeconds: 0))
        #expect(state.sessionsView?.rows.count == 3 && state.sessionsView?.selectedRow?.session.pid == 1)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.sessionsView?.frozen == false && state.overlay == .sessions)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil && state.sessionsView == nil)
    }

    @Test("x: Cancel focused, Esc returns to the view and audits the cancel; y runs it beside a running backup")
    func cancelDialog() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: list, error: nil, querySeconds: 0))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        guard case .confirm(let request) = state.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(!request.confirmFocused && !request.requiresTypedName && request.action == "cancel the query")
        let cancelled = DashboardReducer.reduce(&state, .key(.escape))
        #expect(cancelled.count == 1 && state.overlay == .sessions)
        state.runningAction = RunningAction(action: "backup", progress: "dumping")
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        let effects = DashboardReducer.reduce(&state, .key(.character("y")))
        guard case .signalSession(let spec) = effects.first else {
            Issue.record("no signal effect: \(effects)")
            return
        }
        #expect(spec.kind == .cancelQuery && spec.session?.session.pid == 1 && !spec.takesEnvironmentLock)
        #expect(state.runningAction?.action == "backup", "the backup keeps running")
        #expect(state.overlay == .sessions)
        #expect(DashboardReducer.reduce(&state, .sessionSignalled(ok: true, message: "cancel-query 1: query ended after 0.3 s"))
                == [.listSessions(probe: "db")])
        #expect(state.sessionsView?.lastResult?.contains("ended after 0.3 s") == true)
    }

    @Test("x on an idle-in-transaction session is refused in the footer; a protected environment needs the name typed")
    func refusalsAndTyped() {
        var state = state(protected: true)
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "db", list: list, error: nil, querySeconds: 0))
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        #expect(state.overlay == .sessions && state.notice?.contains("runs no query") == true)
        _ = DashboardReducer.reduce(&state, .key(.character("X")))
        guard case .confirm(let request) = state.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(request.requiresTypedName && request.action == "terminate the session")
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))).isEmpty, "y is only a typed letter here")
    }
}
