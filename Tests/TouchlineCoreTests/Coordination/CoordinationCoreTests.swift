import Foundation
import Testing
@testable import TouchlineCore

/// Issue 16 in the pure tier: the coordination table, the refusal and feed texts, and the reducer's handling
/// of the watcher's reports and of `A`.
@Suite("Coordination: config, texts, reducer")
struct CoordinationCoreTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private func load(_ table: String, protected: Bool = false) throws -> EnvironmentConfig {
        let text = """
            [environments.staging]
            protected = \(protected)
            \(table)
            """
        return try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: ["COORD_PW": "s3cret-pw"]).environments[0]
    }

    @Test("the coordination table: dsn and password_env as for a probe, require defaults to protected, timeout and acknowledge_for")
    func config() throws {
        let table = """
            [environments.staging.coordination]
            dsn = "host=db dbname=touchline_coordination user=ops"
            password_env = "COORD_PW"
            """
        let open = try #require(try load(table).coordination)
        #expect(open.dsn == "host=db dbname=touchline_coordination user=ops" && open.passwordEnv == "COORD_PW")
        #expect(!open.require && open.timeout == 2 && open.acknowledgeFor == 1800)
        #expect(try load(table, protected: true).coordination?.require == true)
        #expect(try load(table + "\nrequire = false", protected: true).coordination?.require == false)
        #expect(try load(table + "\ntimeout = \"500ms\"\nacknowledge_for = \"10m\"").coordination?.acknowledgeFor == 600)
        #expect(try load(table).secretValues(in: ["COORD_PW": "s3cret-pw"]).contains("s3cret-pw"))
        #expect(try load("").coordination == nil, "without the table: local lock and JSONL only")
    }

    @Test("the shipped staging config coordinates through the stack's touchline_coordination database; production has none")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let config = try ConfigLoader.load(path: root.appendingPathComponent("config.toml").path, environment: [:])
        let staging = try #require(config.environment(named: "staging")?.coordination)
        #expect(staging.dsn.contains("dbname=touchline_coordination") && staging.passwordEnv == "STAGING_DB_PASSWORD")
        #expect(!staging.require, "staging is not protected: a store down runs on the local lock")
        #expect(config.environment(named: "production")?.coordination == nil)
    }

    @Test("a bad coordination table is one line at its key")
    func badConfig() {
        #expect(throws: ConfigError.self) { try load("[environments.staging.coordination]\nrequire = true") }
        do {
            _ = try load("[environments.staging.coordination]\ndsn = \"host='unterminated password=pw\"")
            Issue.record("accepted a dsn libpq cannot parse")
        } catch {
            #expect("\(error)".contains("environments.staging.coordination.dsn") && !"\(error)".contains("pw\""), "\(error)")
        }
        do {
            _ = try load("[environments.staging.coordination]\ndsn = \"host=db\"\nbreak = true")
            Issue.record("accepted an unknown key")
        } catch {
            #expect("\(error)".contains("unknown key 'break'"), "\(error)")
        }
    }

    @Test("the refusal names the holder, the action and its age: staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)")
    func refusal() {
        let holder = SharedHolder(environment: "staging", user: "alice", host: "ops-1", pid: 42, action: "rollback",
                                  target: "1.4.2", ageSeconds: 12.7)
        #expect(holder.refusal == "staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)")
        var restart = holder
        restart.action = "restart"
        restart.target = "api"
        restart.ageSeconds = 300
        #expect(restart.refusal == "staging is locked by alice@ops-1 (restart api, 5m ago)")
    }

    private func record(_ phase: AuditRecord.Phase, outcome: AuditOutcome? = nil, id: String = "r1") -> AuditRecord {
        AuditRecord(time: Self.start, phase: phase, id: id, environment: "staging", action: "rollback", target: "1.4.2",
                    commands: [["deploy", "1.4.2"]], user: "alice", host: "ops-1", pid: 7, outcome: outcome,
                    durationSeconds: outcome == nil ? nil : 12.34, details: ["x": .number(1)])
    }

    @Test("a feed notice round-trips as JSON without argv or details, and reads as an Events line")
    func feedNotice() throws {
        let notice = FeedNotice.audit(record(.start), late: false)
        let parsed = try #require(FeedNotice.parse(notice.json()))
        #expect(parsed == notice && parsed.record?.commands == [] && parsed.record?.details == [:])
        #expect(parsed.timelineEvent?.message == "alice@ops-1 started rollback staging → 1.4.2")
        let end = FeedNotice.audit(record(.end, outcome: .ok), late: true)
        #expect(end.timelineEvent?.message == "alice@ops-1 rollback staging → 1.4.2: ok in 12.3 s (recorded late)")
        #expect(end.timelineEvent?.status == .up)
        #expect(FeedNotice.parse("not json") == nil)
    }

    static func state(coordinated: Bool = true) -> DashboardState {
        let probes = ["api", "ledger"].map {
            ProbeConfig(name: $0, interval: 1, timeout: 1, latencyWarn: nil, target: .tcp(HostPort(host: "127.0.0.1", port: 9)),
                        failureThreshold: 1, successThreshold: 1)
        }
        var environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: probes)
        if coordinated { environment.coordination = CoordinationConfig(dsn: "host=db", require: false) }
        return DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                              readOnly: false, now: start, width: 120, height: 40)
    }

    @Test("feed notices become one Events line per record; another environment's are ignored; presence sorted")
    func reducerFeed() {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, .coordination(.connected(environment: "staging", store: "host=db")))
        let notice = FeedNotice.audit(record(.start), late: false)
        _ = DashboardReducer.reduce(&state, .coordination(.notice(notice)))
        _ = DashboardReducer.reduce(&state, .coordination(.notice(notice)))
        #expect(state.events.filter { $0.message.contains("started rollback") }.count == 1)
        var elsewhere = notice
        elsewhere.environment = "production"
        _ = DashboardReducer.reduce(&state, .coordination(.notice(elsewhere)))
        #expect(state.events.filter { $0.message.contains("started rollback") }.count == 1)
        _ = DashboardReducer.reduce(&state, .coordination(.presence(environment: "staging", watchers: ["zed@b", "amy@a"])))
        #expect(state.coordination.watchers == ["amy@a", "zed@b"])
        _ = DashboardReducer.reduce(&state, .coordination(.unreachable(environment: "staging", reason: "unreachable: refused")))
        #expect(!state.coordination.connected && state.coordination.watchers.isEmpty)
        #expect(state.events.first?.message == "coordination: store unreachable: refused (local lock and audit only until it is back)",
                "\(state.events.first?.message ?? "")")
        #expect(state.coordination.status == "unreachable: refused")
    }

    @Test("a holder whose session ended with no end record shows once as interrupted in Events; not after its end arrived")
    func interruptedHolder() {
        var state = Self.state()
        let start = record(.start)
        _ = DashboardReducer.reduce(&state, .coordination(.notice(FeedNotice.audit(start, late: false))))
        _ = DashboardReducer.reduce(&state, .coordination(.interrupted(environment: "staging", start: start)))
        _ = DashboardReducer.reduce(&state, .coordination(.interrupted(environment: "staging", start: start)))
        let lines = state.events.filter { $0.message.contains("interrupted") }
        #expect(lines.count == 1)
        #expect(lines.first?.message.hasSuffix("rollback staging → 1.4.2: interrupted (its lock session ended with no end record)") == true,
                "\(lines)")
        #expect(lines.first?.status == .down)
        #expect(state.events.first?.message.contains("interrupted") == true, "on top")

        var ended = Self.state()
        _ = DashboardReducer.reduce(&ended, .coordination(.notice(FeedNotice.audit(record(.end, outcome: .ok), late: false))))
        _ = DashboardReducer.reduce(&ended, .coordination(.interrupted(environment: "staging", start: start)))
        #expect(!ended.events.contains { $0.message.contains("interrupted") }, "its end record came: not interrupted")
        _ = DashboardReducer.reduce(&ended, .coordination(.interrupted(environment: "production", start: start)))
        #expect(!ended.events.contains { $0.message.contains("interrupted") })
    }

    @Test("A acknowledges only a red row, only with a store; a recovered probe's acknowledgement is cleared")
    func acknowledge() {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: Self.start, status: .up, latency: 0.01), generation: 0))
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "ledger", time: Self.start, status: .down, latency: 0,
                                                                error: "connection refused"), generation: 0))
        #expect(DashboardReducer.reduce(&state, .key(.character("A"))).isEmpty, "api is up")
        #expect(state.notice?.contains("only a red (down) row") == true)
        _ = DashboardReducer.reduce(&state, .key(.character("j")))
        #expect(DashboardReducer.reduce(&state, .key(.character("A"))) == [.acknowledge(probe: "ledger")])
        var local = Self.state(coordinated: false)
        _ = DashboardReducer.reduce(&local, .key(.character("A")))
        #expect(local.notice?.contains("needs [environments.staging.coordination]") == true)

        let ack = Acknowledgement(environment: "staging", probe: "api", who: "bob@b", since: Self.start,
                                  expires: Self.start.addingTimeInterval(60))
        let still = Acknowledgement(environment: "staging", probe: "ledger", who: "bob@b", since: Self.start,
                                    expires: Self.start.addingTimeInterval(60))
        let effects = DashboardReducer.reduce(&state, .coordination(.acknowledgements(environment: "staging", [ack, still])))
        #expect(effects == [.clearAcknowledgement(probe: "api")], "api is up again; ledger is still down")
        #expect(state.coordination.acknowledgements["ledger"]?.mark == "on it: bob@b")
    }

    @Test("another operator holding the shared lock: a lock-taking dialog opens saying it would be refused; triage does not say it")
    func holderNamedBeforeConfirming() {
        var state = Self.state()
        state.seedRestart("api", argv: ["/bin/true"])
        let holder = SharedHolder(environment: "staging", user: "alice", host: "ops-1", pid: 42, action: "rollback", target: "1.4.2",
                                  ageSeconds: 0)
        _ = DashboardReducer.reduce(&state, .coordination(.holder(environment: "staging", holder)))
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        guard case .confirm = state.overlay else { Issue.record("no dialog"); return }
        #expect(state.notice == "⚠ staging is locked by alice@ops-1 (rollback to 1.4.2): confirming is refused until it ends",
                "\(state.notice ?? "")")
        _ = DashboardReducer.reduce(&state, .key(.escape))
        _ = DashboardReducer.reduce(&state, .coordination(.holder(environment: "staging", nil)))
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        #expect(state.notice == nil || state.notice?.contains("locked by") == false, "\(state.notice ?? "")")
    }

    @Test("the footer's `acknowledging ledger for every operator…` is answered: done when the store's notice comes, or failed")
    func acknowledgeAnswered() {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: Self.start, status: .up, latency: 0.01), generation: 0))
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "ledger", time: Self.start, status: .down, latency: 0,
                                                                error: "connection refused"), generation: 0))
        _ = DashboardReducer.reduce(&state, .key(.character("j")))
        _ = DashboardReducer.reduce(&state, .key(.character("A")))
        #expect(state.notice == "acknowledging ledger for every operator…")
        let mine = Acknowledgement(environment: "staging", probe: "ledger", who: "me@here", since: Self.start,
                                   expires: Self.start.addingTimeInterval(60))
        _ = DashboardReducer.reduce(&state, .coordination(.notice(FeedNotice(kind: .acknowledged, environment: "staging",
                                                                              acknowledgement: mine))))
        #expect(state.notice == "ledger acknowledged: on it: me@here")
        // Another operator's acknowledgement of another probe leaves a notice alone.
        _ = DashboardReducer.reduce(&state, .key(.character("A")))
        let other = Acknowledgement(environment: "staging", probe: "api", who: "bob@b", since: Self.start,
                                    expires: Self.start.addingTimeInterval(60))
        _ = DashboardReducer.reduce(&state, .coordination(.notice(FeedNotice(kind: .acknowledged, environment: "staging",
                                                                              acknowledgement: other))))
        #expect(state.notice == "acknowledging ledger for every operator…")
        _ = DashboardReducer.reduce(&state, .coordination(.unreachable(environment: "staging", reason: "unreachable: connection refused")))
        #expect(state.notice == "ledger not acknowledged: coordination store unreachable: connection refused")
    }
}
