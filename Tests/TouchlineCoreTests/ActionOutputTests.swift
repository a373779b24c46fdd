import Foundation
import Testing
@testable import TouchlineCore

@Suite("The Output pane, cancelling with c, and the audit history in the reducer")
struct ActionOutputTests {
    private func state() -> DashboardState {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: [])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: Date(timeIntervalSince1970: 100), width: 120, height: 40)
        state.seedBackup("pg_dump … | gzip -c > backups/x.sql.gz")
        return state
    }

    private func startBackup(_ state: inout DashboardState) {
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        _ = DashboardReducer.reduce(&state, .key(.character("y")))
    }

    @Test("a confirmed action opens the Output pane with its command, focused, and its lines stream in")
    func outputStreams() throws {
        var state = state()
        #expect(!state.visiblePanes.contains(.output))
        startBackup(&state)
        let output = try #require(state.actionOutput)
        #expect(output.lines == ["$ pg_dump … | gzip -c > backups/x.sql.gz"])
        #expect(output.running && output.visible)
        #expect(state.focus == .output)
        #expect(state.visiblePanes == [.services, .database, .redis, .output, .events], "API latency is hidden under Output")
        _ = DashboardReducer.reduce(&state, .actionOutput(["connecting", "dumping"]))
        #expect(state.actionOutput?.lines.suffix(2) == ["connecting", "dumping"])
        #expect(state.runningAction?.progress == "dumping")
        _ = DashboardReducer.reduce(&state, .actionProgress("dumping: 3 MiB written"))
        #expect(state.actionOutput?.lines.count == 3, "byte counters go to the footer, not the output")
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: false, message: "pg_dump exited 1"))
        #expect(state.actionOutput?.succeeded == false)
        #expect(state.actionOutput?.lines.last == "✖ backup failed: pg_dump exited 1")
        #expect(state.focus == .services, "the keyboard goes back to where the action was started")
        #expect(state.actionOutput?.visible == true, "the output stays on screen to be read")
    }

    @Test("the Output pane's end word: failed, refused (the lock held), cancelled, done")
    func endWord() {
        let cases: [(Bool, String, String)] = [
            (false, "pg_dump exited 1", "failed"), (false, "refused: staging is locked by alice@ops-1 (rollback to 1.4.2, 3 s ago)", "refused"),
            (false, "backup cancelled: by the operator", "cancelled"), (true, "written and verified", "done"),
        ]
        for (ok, message, word) in cases {
            var state = state()
            startBackup(&state)
            _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: ok, message: message))
            #expect(state.actionOutput?.outcome == word, "\(message)")
            let started = state.events.contains { $0.message.hasPrefix("backup started on ") }
            #expect(started == (word != "refused"), "a refused action never started: \(state.events.map(\.message))")
        }
    }

    @Test("the focused Output pane scrolls back by line and page, keeps its place as lines arrive, End follows again")
    func scrolling() {
        var state = state()
        startBackup(&state)
        _ = DashboardReducer.reduce(&state, .actionOutput((1...100).map { "line \($0)" }))
        _ = DashboardReducer.reduce(&state, .key(.up))
        #expect(state.actionOutput?.scrollBack == 1)
        _ = DashboardReducer.reduce(&state, .key(.pageUp))
        #expect(state.actionOutput?.scrollBack == 1 + 40 / 3)
        _ = DashboardReducer.reduce(&state, .actionOutput(["line 101"]))
        #expect(state.actionOutput?.scrollBack == 2 + 40 / 3, "new lines do not move what the reader looks at")
        _ = DashboardReducer.reduce(&state, .key(.home))
        #expect(state.actionOutput?.scrollBack == 102 - 40 / 3)
        _ = DashboardReducer.reduce(&state, .key(.end))
        #expect(state.actionOutput?.scrollBack == 0)
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(state.actionOutput?.scrollBack == 0)
    }

    @Test("the output keeps the newest 2000 lines and counts what it dropped")
    func bounded() {
        var output = ActionOutput(title: "t", commands: [])
        output.append((1...2500).map(String.init))
        #expect(output.lines.count == ActionOutput.lineLimit)
        #expect(output.dropped == 500)
        #expect(output.lines.first == "501")
    }

    @Test("c asks before cancelling; n keeps the action running, y asks the runner to stop it")
    func cancelKey() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        #expect(state.notice == "no action is running")
        startBackup(&state)
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.action == "cancel" && request.target == "backup" && !request.confirmFocused)
        #expect(DashboardReducer.reduce(&state, .key(.character("n"))).isEmpty, "declining to cancel is not audited")
        #expect(state.notice == "backup keeps running")
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))) == [.cancelAction])
        #expect(state.runningAction?.progress == "cancelling…")
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: false, message: "cancelled"))
        _ = DashboardReducer.reduce(&state, .key(.character("c")))
        #expect(state.overlay == nil)
    }

    @Test("o hides and shows the output; focus cycling skips it while hidden")
    func toggle() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("o")))
        #expect(state.notice?.hasPrefix("no action output yet") == true)
        startBackup(&state)
        _ = DashboardReducer.reduce(&state, .key(.character("o")))
        #expect(state.actionOutput?.visible == false)
        #expect(state.focus == .services)
        for _ in 0..<6 {
            _ = DashboardReducer.reduce(&state, .key(.tab))
            #expect(state.focus != .output)
        }
        _ = DashboardReducer.reduce(&state, .key(.character("o")))
        #expect(state.focus == .output && state.actionOutput?.visible == true)
    }

    @Test("unlocking a protected environment is audited")
    func unlockAudited() {
        let environment = EnvironmentConfig(name: "production", label: "PRODUCTION", interval: 1, protected: true,
                                            stateDirectory: "/tmp/x", probes: [])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: Date(timeIntervalSince1970: 100), width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.character("U")))
        for character in "production" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        let effects = DashboardReducer.reduce(&state, .key(.enter))
        guard case .auditUnlocked(let request)? = effects.first else { Issue.record("not audited: \(effects)"); return }
        #expect(request.environment == "production")
    }

    @Test("audit records become events below this run's own, newest first, with who, outcome and duration")
    func history() {
        var state = state()
        state.events = [TimelineEvent(time: Date(timeIntervalSince1970: 100), probe: nil, status: nil, message: "now")]
        func record(_ id: String, _ phase: AuditRecord.Phase, _ time: Double, _ outcome: AuditOutcome?, error: String? = nil) -> AuditRecord {
            AuditRecord(time: Date(timeIntervalSince1970: time), phase: phase, id: id, environment: "staging", action: "backup",
                        commands: [], user: "ana", host: "ops1", pid: 1, outcome: outcome,
                        durationSeconds: outcome == nil ? nil : 2.5, error: error)
        }
        let records = [record("a", .start, 10, nil), record("a", .end, 12, .ok), record("b", .end, 20, .refused, error: "lock held"),
                       record("c", .start, 30, nil)]
        _ = DashboardReducer.reduce(&state, .auditHistory(AuditHistory.events(from: records)))
        #expect(state.events.map(\.message) == [
            "now",
            "staging: backup started by ana@ops1, no end recorded (running or interrupted)",
            "staging: backup refused by ana@ops1 in 2.5 s: lock held",
            "staging: backup ok by ana@ops1 in 2.5 s",
        ])
        #expect(state.events.map(\.status) == [nil, .unknown, .degraded, .up])
        let known = AuditHistory.events(from: records, interrupted: ["c"])
        #expect(known.first?.message == "staging: backup interrupted (started by ana@ops1, no end record)")
        #expect(known.first?.status == .down)
        // A cancel by the operator says who once; a signal's reason stays.
        let cancels = AuditHistory.events(from: [record("d", .end, 40, .cancelled, error: "cancelled by the operator (c)"),
                                                 record("e", .end, 50, .cancelled, error: "interrupted by signal 2")])
        #expect(cancels.map(\.message) == ["staging: backup cancelled by ana@ops1 in 2.5 s: interrupted by signal 2",
                                            "staging: backup cancelled by ana@ops1 in 2.5 s"])
    }
}

@Suite("Rehearsal from the dashboard in the reducer")
struct RehearsalKeyTests {
    private func state(protected: Bool = false) -> DashboardState {
        let environment = EnvironmentConfig(name: protected ? "production" : "staging", label: "X", interval: 1,
                                            protected: protected, stateDirectory: "/tmp/x", probes: [])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 100), width: 120, height: 40)
        state.seedRehearsal(["scripts/stack deploy 1.6.0", "scripts/stack rollback {release before}"])
        return state
    }

    @Test("D opens a typed-name dialog with the commands; confirmed, the steps arrive in the Output pane")
    func rehearse() throws {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("D")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.requiresTypedName)
        #expect(request.commands.first == "scripts/stack deploy 1.6.0")
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        let effects = DashboardReducer.reduce(&state, .key(.enter))
        #expect(effects.count == 1)
        var steps = RehearsalStep.allCases.map(RehearsalStepRecord.init)
        steps[0].state = .passed
        steps[1].state = .running
        _ = DashboardReducer.reduce(&state, .rehearsalProgress(RehearsalProgress(environment: "staging", steps: steps,
                                                                                  activity: "dumping: 1 MiB")))
        _ = DashboardReducer.reduce(&state, .rehearsalProgress(RehearsalProgress(environment: "staging", steps: steps,
                                                                                  activity: "dumping: 1 MiB")))
        let output = try #require(state.actionOutput)
        #expect(output.steps?.map(\.state).prefix(2) == [.passed, .running])
        #expect(output.lines.filter { $0 == "dumping: 1 MiB" }.count == 1, "a repeated activity line is not repeated")
        #expect(state.runningAction?.progress == "step 2/9 Backup")
    }

    @Test("protected environments and environments without a rehearsal table refuse D up front")
    func refusals() {
        var protected = state(protected: true)
        _ = DashboardReducer.reduce(&protected, .key(.character("D")))
        #expect(protected.overlay == nil)
        #expect(protected.notice?.contains("protected") == true)
        var bare = state()
        bare.actions = ActionCatalog()
        _ = DashboardReducer.reduce(&bare, .key(.character("D")))
        #expect(bare.overlay == nil)
        #expect(bare.notice?.hasPrefix("no rehearsal configured") == true)
    }
}
