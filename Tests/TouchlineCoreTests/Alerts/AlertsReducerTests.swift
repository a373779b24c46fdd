import Foundation
import Testing
@testable import TouchlineCore

@Suite("Alerts reducer")
struct AlertsReducerTests {
    private func reduce(_ state: inout DashboardState, _ keys: [KeyPress]) -> [DashboardEffect] {
        keys.flatMap { DashboardReducer.reduce(&state, .key($0)) }
    }

    private func type(_ text: String) -> [KeyPress] { text.map { .character($0) } }

    @Test("polls become Events: firing once, resolved with how long it fired; the bell on a new critical, not on the first poll")
    func transitions() throws {
        let alerts = try AlertFixtures.alerts()
        var state = AlertFixtures.state()
        #expect(DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[1]]))) == [])
        #expect(state.events.first?.message.hasPrefix("alert firing: DataCollectionSuccessLow [warning] service=collector (silenced), since 05:20:00 UTC") == true)
        let effects = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[0], alerts[1]], at: AlertFixtures.now.addingTimeInterval(1))))
        #expect(effects == [.ringBell])
        #expect(state.events[0].message == "alert firing: ApiHighLatency [critical] service=api: API p95 latency is over 1 s")
        #expect(state.events[0].status == .down)
        // The same alerts again: nothing new.
        #expect(DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[0], alerts[1]], at: AlertFixtures.now.addingTimeInterval(2)))) == [])
        #expect(state.events.count == 2)
        // Resolved: gone from the answer.
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[1]], at: AlertFixtures.now.addingTimeInterval(100))))
        #expect(state.events[0].message == "alert resolved after firing 3m 16s: ApiHighLatency service=api")
        #expect(state.events[0].status == .up)
        #expect(state.alerting.counts.isEmpty)
    }

    @Test("bell = false keeps the terminal quiet; a silenced critical rings nothing")
    func quietBell() throws {
        let alerts = try AlertFixtures.alerts()
        var state = AlertFixtures.state(bell: false)
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([])))
        #expect(DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[0]]))) == [])
        var muted = alerts[0]
        muted.fingerprint = "muted"
        muted.silencedBy = ["s1"]
        var loud = AlertFixtures.state()
        _ = DashboardReducer.reduce(&loud, .alertsPolled(AlertFixtures.poll([])))
        #expect(DashboardReducer.reduce(&loud, .alertsPolled(AlertFixtures.poll([muted]))) == [])
    }

    @Test("a failing source: one Event with the reason, the list kept, an Event when it answers again")
    func failingSource() throws {
        let alerts = try AlertFixtures.alerts()
        var state = AlertFixtures.state()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[0]])))
        let failure = AlertsPoll(environment: "staging", time: AlertFixtures.now, error: "GET http://a/api/v2/alerts: connection refused (a:9095)")
        _ = DashboardReducer.reduce(&state, .alertsPolled(failure))
        _ = DashboardReducer.reduce(&state, .alertsPolled(failure))
        #expect(state.events.filter { $0.message.hasPrefix("alerts: GET") }.count == 1)
        #expect(state.alerting.alerts.count == 1 && state.alerting.error != nil)
        #expect(!state.events.contains { $0.message.hasPrefix("alert resolved") })
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll([alerts[0]])))
        #expect(state.events[0].message == "alerts: alertmanager http://127.0.0.1:9095 answers again")
        #expect(state.alerting.error == nil)
        // A poll of another environment is ignored.
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertsPoll(environment: "production", time: AlertFixtures.now, error: "x")))
        #expect(state.alerting.error == nil)
    }

    @Test("! opens the view and polls; v switches to silences; Enter details; Esc closes; without [alerts] it says what to add")
    func viewKeys() throws {
        var state = AlertFixtures.state()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        #expect(reduce(&state, [.character("!")]) == [.pollAlerts])
        #expect(state.overlay == .alerts(AlertsView()))
        _ = reduce(&state, [.down, .enter])
        #expect(state.overlay == .alerts({ var view = AlertsView(selected: 1); view.detail = true; return view }()))
        _ = reduce(&state, [.escape, .character("v")])
        #expect(state.overlay == .alerts(AlertsView(mode: .silences)))
        _ = reduce(&state, [.escape])
        #expect(state.overlay == nil)
        var bare = DashboardState(environments: [EnvironmentConfig(name: "dev", label: "DEV", interval: 1, protected: false,
                                                                   stateDirectory: "/tmp", probes: [])],
                                  environmentIndex: 0, theme: "default", themes: [], readOnly: false, now: AlertFixtures.now, width: 120, height: 40)
        _ = reduce(&bare, [.character("!")])
        #expect(bare.overlay == nil)
        #expect(bare.notice == "no alerts configured: add [environments.dev.alerts] with alertmanager = URL")
    }

    @Test("x: matchers prefilled, the comment required, Enter sends the silence spec (no lock) and waits; the answer closes it")
    func silenceDialog() throws {
        var state = AlertFixtures.state()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        _ = reduce(&state, [.character("!"), .character("x")])
        guard case .silence(let draft) = state.overlay else { Issue.record("no silence dialog"); return }
        #expect(draft.matchers == #"alertname="ApiHighLatency", env="staging", job="football-api", service="api""#)
        #expect(draft.focus == .comment && draft.durationText == "1h")
        #expect(reduce(&state, [.enter]) == [])
        guard case .silence(let refused) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(refused.error == "a comment is required: say why (e.g. the ticket)")
        _ = reduce(&state, type("INC-7") + [.backTab, .right, .right])
        guard case .silence(let filled) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(filled.durationText == "4h")
        let effects = reduce(&state, [.enter])
        guard case .alertAction(let spec)? = effects.first else { Issue.record("no effect: \(effects)"); return }
        #expect(spec.kind == .silence && !spec.takesEnvironmentLock && spec.environment == "staging")
        #expect(spec.lines.contains("comment: INC-7"))
        #expect(spec.lines[2].contains("for 4h") && spec.lines[2].contains("by alice@laptop"))
        guard case .silence(let waiting) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(waiting.submitting)
        // Alertmanager refused: the dialog says why and stays.
        _ = DashboardReducer.reduce(&state, .alertActionFinished(AlertActionResult(kind: .silence, environment: "staging", ok: false,
                                                                                   message: "Alertmanager refused the silence: HTTP 400: bad matcher")))
        guard case .silence(let again) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(again.error == "Alertmanager refused the silence: HTTP 400: bad matcher" && !again.submitting)
        #expect(state.events[0].message == "silence failed: Alertmanager refused the silence: HTTP 400: bad matcher")
        _ = reduce(&state, [.enter])
        let done = DashboardReducer.reduce(&state, .alertActionFinished(AlertActionResult(kind: .silence, environment: "staging", ok: true,
                                                                                          message: "silence s1 active", silenceID: "s1")))
        #expect(done == [.pollAlerts])
        #expect(state.overlay == .alerts(AlertsView()))
    }

    @Test("a protected environment needs its name typed; Esc cancels and audits; read-only and Prometheus refuse x")
    func guards() throws {
        var state = AlertFixtures.state(protected: true)
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        _ = reduce(&state, [.character("!"), .character("x")] + type("why"))
        _ = reduce(&state, [.enter])
        guard case .silence(let draft) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(draft.error == "type staging to confirm")
        _ = reduce(&state, [.tab] + type("staging"))
        guard case .alertAction? = reduce(&state, [.enter]).first else { Issue.record("not sent"); return }
        var cancelled = AlertFixtures.state()
        _ = DashboardReducer.reduce(&cancelled, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        let effects = reduce(&cancelled, [.character("!"), .character("x"), .escape])
        guard case .auditCancelled(let request)? = effects.last else { Issue.record("not audited: \(effects)"); return }
        #expect(request.action == "silence" && cancelled.overlay == .alerts(AlertsView()))
        var readOnly = AlertFixtures.state(readOnly: true)
        _ = DashboardReducer.reduce(&readOnly, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        _ = reduce(&readOnly, [.character("!"), .character("x")])
        #expect(readOnly.notice == "read-only: silencing is off" && readOnly.overlay == .alerts(AlertsView()))
        var prometheus = AlertFixtures.state(prometheus: true)
        _ = DashboardReducer.reduce(&prometheus, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        _ = reduce(&prometheus, [.character("!"), .character("x")])
        #expect(prometheus.notice?.hasPrefix("alerts come from Prometheus here") == true)
    }

    @Test("X on a silence: the expiry dialog with Cancel first, y sends the DELETE; a running action does not block it")
    func expire() throws {
        var state = AlertFixtures.state()
        state.runningAction = RunningAction(action: "backup", progress: "dumping")
        let silences = try AlertsJSON.silences(AlertFixtures.bytes(AlertFixtures.silences), what: "t").get()
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts(), silences: silences)))
        _ = reduce(&state, [.character("!"), .character("v"), .character("X")])
        guard case .expireSilence(let draft) = state.overlay else { Issue.record("no dialog: \(String(describing: state.notice))"); return }
        #expect(draft.request.commands == ["DELETE http://127.0.0.1:9095/api/v2/silence/4b7ad24e-88f8-44fd-8cdd-ac161c42921b",
                                           #"matchers: alertname="DataCollectionSuccessLow", env="staging""#])
        #expect(!draft.request.confirmFocused)
        let effects = reduce(&state, [.character("y")])
        guard case .alertAction(let spec)? = effects.first else { Issue.record("not sent"); return }
        #expect(spec.kind == .expireSilence && spec.target == "4b7ad24e-88f8-44fd-8cdd-ac161c42921b")
        _ = DashboardReducer.reduce(&state, .alertActionFinished(AlertActionResult(kind: .expireSilence, environment: "staging", ok: true,
                                                                                   message: "expired", silenceID: spec.target)))
        #expect(state.overlay == .alerts(AlertsView(mode: .silences)))
        #expect(state.runningAction?.action == "backup")
    }

    @Test("the expiry dialog: Esc, n and N cancel (audited); with a typed name n is a letter of it; a wrong name is refused")
    func expireCancelKeys() throws {
        let silences = try AlertsJSON.silences(AlertFixtures.bytes(AlertFixtures.silences), what: "t").get()
        for key in [KeyPress.escape, .character("n"), .character("N")] {
            var state = AlertFixtures.state()
            _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts(), silences: silences)))
            let effects = reduce(&state, [.character("!"), .character("v"), .character("X"), key])
            guard case .auditCancelled(let request)? = effects.last else { Issue.record("\(key): not cancelled: \(effects)"); continue }
            #expect(request.action == "expire-silence" && state.overlay == .alerts(AlertsView(mode: .silences)))
            #expect(state.notice == "expire silence cancelled")
        }
        var state = AlertFixtures.state(protected: true)
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts(), silences: silences)))
        #expect(reduce(&state, [.character("!"), .character("v"), .character("X")] + type("stagin")) == [.pollAlerts])
        guard case .expireSilence(let typing) = state.overlay else { Issue.record("the dialog closed on n"); return }
        #expect(typing.request.typed == "stagin")
        _ = reduce(&state, [.enter])
        guard case .expireSilence(let wrong) = state.overlay else { Issue.record("the dialog closed"); return }
        #expect(wrong.error == "type staging to confirm")
        guard case .alertAction(let spec)? = reduce(&state, type("g") + [.enter]).first else { Issue.record("not sent"); return }
        #expect(spec.kind == .expireSilence)
    }
}

@Suite("Alerts and environment switches")
struct AlertsSwitchTests {
    @Test("switching environments forgets the alerts shown; the new environment's first poll starts fresh")
    func switching() throws {
        var state = AlertFixtures.state()
        var production = state.environments[0]
        production.name = "production"
        production.label = "PRODUCTION"
        state.environments.append(production)
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        #expect(!state.alerting.counts.isEmpty)
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        #expect(state.environment.name == "production")
        #expect(state.alerting.alerts.isEmpty && !state.alerting.polled && state.alerting.createdBy == "alice@laptop")
        // A late answer for staging is dropped.
        _ = DashboardReducer.reduce(&state, .alertsPolled(AlertFixtures.poll(try AlertFixtures.alerts())))
        #expect(state.alerting.alerts.isEmpty)
    }
}
