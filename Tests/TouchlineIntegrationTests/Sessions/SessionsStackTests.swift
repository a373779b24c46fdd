import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// `touchline sessions`, `cancel-query` and `terminate-session` as the real binary against the stack's PostgreSQL:
/// a blocking chain, terminating its head, cancelling a sleep, a role without pg_signal_backend, refusals.
extension RealStackSuite {
@Suite("Sessions on the stack", .serialized)
struct SessionsStackTests {
    private func headless() throws -> HeadlessRunner {
        switch TestStack.shared {
        case .success(let stack): return HeadlessRunner(stack: stack)
        case .failure(let error): throw error
        }
    }

    /// The sessions of `mode` flags as JSON objects.
    private func sessions(_ runner: HeadlessRunner, config: String, _ flags: [String]) throws -> [[String: Any]] {
        let result = runner.run(["sessions", "--json"] + flags, config: config)
        #expect(result.code == 0, "\(result.stderr)")
        return try #require(runner.json(result.stdout)["sessions"] as? [[String: Any]], "\(result.stdout)")
    }

    private func row(_ rows: [[String: Any]], pid: Int) -> [String: Any]? {
        rows.first { ($0["pid"] as? Int) == pid }
    }

    @Test("A holds a row, B and C update it: sessions --blocking --json shows A blocking 2 with B and C under it; terminate A → both proceed, audited")
    func blockingChain() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let update = "UPDATE teams SET name = name WHERE id = 1"
        let holder = try ScriptedSession(runner.stack, application: "chain-a", sql: update, hold: true)
        defer { holder.stop() }
        let a = try #require(holder.pid())
        #expect(holder.finished(within: 10), "A's update returns: \(holder.output)")
        let waiterB = try ScriptedSession(runner.stack, application: "chain-b", sql: update)
        defer { waiterB.stop() }
        let b = try #require(waiterB.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = \(b)") == "Lock" })
        let waiterC = try ScriptedSession(runner.stack, application: "chain-c", sql: update)
        defer { waiterC.stop() }
        let c = try #require(waiterC.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = \(c)") == "Lock" })

        let rows = try sessions(runner, config: config, ["--blocking"])
        let head = try #require(row(rows, pid: a), "A is listed: \(rows)")
        #expect(head["blocking"] as? Int == 2 && head["depth"] as? Int == 0, "\(head)")
        #expect(head["application_name"] as? String == "chain-a" && head["state"] as? String == "idle in transaction")
        #expect((rows.first?["pid"] as? Int) == a, "the chain's head comes first")
        for pid in [b, c] {
            let waiter = try #require(row(rows, pid: pid), "\(pid) is under A: \(rows)")
            #expect((waiter["depth"] as? Int ?? 0) >= 1)
            #expect((waiter["blocked_by"] as? [Int])?.isEmpty == false, "\(waiter)")
            #expect(waiter["wait_event_type"] as? String == "Lock")
        }
        // B waits for A's transaction; C for B's tuple lock or A: each chain leads back to A.
        #expect((row(rows, pid: b)?["blocked_by"] as? [Int]) == [a])
        for key in ["pid", "usename", "application_name", "client_addr", "state", "wait_event_type", "wait_event",
                    "xact_start", "query_start", "query", "blocked_by"] {
            #expect(head.keys.contains(key), "JSON has \(key)")
        }

        // The incident snapshot keeps the chain (section 4 of issue 13).
        let snapshot = runner.run(["snapshot", "--json", "--output", runner.root + "/snapshots"], config: config)
        #expect(snapshot.code == 0, "\(snapshot.stderr)")
        let paths = try runner.json(snapshot.stdout)
        let document = try runner.json(String(contentsOfFile: try #require(paths["json"] as? String), encoding: .utf8))
        let captured = try #require((document["postgres_sessions"] as? [[String: Any]])?.first, "\(document.keys)")
        let tree = try #require(captured["blocking"] as? [[String: Any]])
        #expect(row(tree, pid: a)?["blocking"] as? Int == 2, "\(tree)")
        let markdown = try String(contentsOfFile: try #require(paths["markdown"] as? String), encoding: .utf8)
        #expect(markdown.contains("## PostgreSQL sessions: postgres") && markdown.contains("\(a) (blocking 2)"), "\(markdown)")

        let result = runner.run(["terminate-session", String(a), "--yes"], config: config)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("session ended after"), "\(result.stdout)")
        #expect(waiterB.finished(within: 10) && waiterC.finished(within: 10), "B: \(waiterB.output) C: \(waiterC.output)")
        #expect(waiterB.output.contains("done") && waiterC.output.contains("done"))
        let left = runner.stack.adminQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE pid IN (\(b), \(c)) AND state = 'idle' AND wait_event_type IS DISTINCT FROM 'Lock'")
        #expect(left == "2", "B and C proceeded and are idle: \(left)")
        #expect(runner.stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = \(a)") == "0")
        let records = runner.auditRecords().filter { $0.action == "terminate-session" }
        #expect(records.map(\.phase) == [.start, .end])
        let end = try #require(records.last)
        #expect(end.outcome == .ok && end.target == String(a))
        #expect(end.details["pid"]?.double == Double(a))
        #expect(end.details["usename"]?.string == "football_staging_user")
        #expect(end.details["application_name"]?.string == "chain-a")
        #expect(end.details["query"]?.string == update)
        #expect(!runner.auditText().contains(runner.stack.password))
    }

    @Test("cancel a pg_sleep(60): ended, the session is still there")
    func cancelSleep() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let sleeper = try ScriptedSession(runner.stack, application: "sleeper", sql: "SELECT pg_sleep(60)")
        defer { sleeper.stop() }
        let pid = try #require(sleeper.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active" })
        let running = try sessions(runner, config: config, [])
        #expect(row(running, pid: pid)?["query"] as? String == "SELECT pg_sleep(60)")
        let result = runner.run(["cancel-query", String(pid), "--yes", "--json"], config: config)
        #expect(result.code == 0, "\(result.stderr)")
        let report = try runner.json(result.stdout)
        #expect(report["action"] as? String == "cancel-query" && report["ok"] as? Bool == true, "\(report)")
        #expect((report["message"] as? String)?.contains("query ended after") == true, "\(report)")
        #expect((report["ended_after_seconds"] as? Double ?? 9) < 5)
        #expect(sleeper.finished(within: 5) && sleeper.output.contains("canceling statement"), "\(sleeper.output)")
        #expect(runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "idle",
                "the session stays, idle")
        // Cancelling a session that runs nothing is refused, and audited.
        let again = runner.run(["cancel-query", String(pid), "--yes"], config: config)
        #expect(again.code == 2 && again.stderr.contains("runs no query"), "\(again.stderr)")
    }

    @Test("cancel and terminate run while another action holds the environment's lock (a restart is refused then), confirmed and audited")
    func notBlockedByTheActionLock() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        try FileManager.default.createDirectory(atPath: runner.stateDirectory, withIntermediateDirectories: true)
        let lock = try ActionLock.acquire(stateDirectory: runner.stateDirectory, environment: "staging", action: "backup")
        defer { lock.release() }
        let restart = runner.run(["restart", "api", "--yes"], config: config)
        #expect(restart.code == 2, "the lock is held: \(restart.stderr)")
        let sleeper = try ScriptedSession(runner.stack, application: "locked-sleeper", sql: "SELECT pg_sleep(60)")
        defer { sleeper.stop() }
        let pid = try #require(sleeper.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active" })
        let cancel = runner.run(["cancel-query", String(pid), "--yes"], config: config)
        #expect(cancel.code == 0 && cancel.stdout.contains("query ended after"), "\(cancel.stdout) \(cancel.stderr)")
        let terminate = runner.run(["terminate-session", String(pid), "--yes"], config: config)
        #expect(terminate.code == 0 && terminate.stdout.contains("session ended after"), "\(terminate.stdout) \(terminate.stderr)")
        let records = runner.auditRecords().filter { $0.action == "cancel-query" || $0.action == "terminate-session" }
        #expect(records.map(\.phase) == [.start, .end, .start, .end])
        #expect(records.filter { $0.phase == .end }.allSatisfy { $0.outcome == .ok })
        #expect(ActionLock.holder(stateDirectory: runner.stateDirectory)?.action == "backup", "the lock was neither taken nor released by them")
    }

    @Test("sessions --min-duration, --waiting, --all, --workers filter as their help says; a bad duration or two modes are usage errors (3)")
    func listFlags() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let stack = runner.stack
        let long = try ScriptedSession(stack, application: "flags-long", sql: "SELECT pg_sleep(60)")
        defer { long.stop() }
        let longPid = try #require(long.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(longPid)") == "active" })
        usleep(2_500_000)
        let short = try ScriptedSession(stack, application: "flags-short", sql: "SELECT pg_sleep(60)")
        defer { short.stop() }
        let shortPid = try #require(short.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(shortPid)") == "active" })
        let running = try sessions(runner, config: config, [])
        #expect(row(running, pid: longPid) != nil && row(running, pid: shortPid) != nil)
        let longOnly = try sessions(runner, config: config, ["--min-duration", "2s"])
        #expect(row(longOnly, pid: longPid) != nil, "\(longOnly)")
        #expect(row(longOnly, pid: shortPid) == nil, "running under 2 s: left out")
        #expect(longOnly.allSatisfy { ($0["duration_seconds"] as? Double ?? 0) >= 2 }, "\(longOnly)")
        let waiting = try sessions(runner, config: config, ["--waiting"])
        #expect(row(waiting, pid: longPid) == nil, "a pg_sleep waits on no lock")
        let all = try sessions(runner, config: config, ["--all"])
        #expect(all.contains { $0["state"] as? String == "idle" }, "--all lists idle sessions too")
        #expect(!all.contains { $0["backend_type"] as? String == "checkpointer" }, "background workers hidden by default")
        let workers = try sessions(runner, config: config, ["--all", "--workers"])
        #expect(workers.contains { $0["backend_type"] as? String == "checkpointer" }, "--workers shows them")
        let bad = runner.run(["sessions", "--min-duration", "soon"], config: config)
        #expect(bad.code == 3, "\(bad.stderr)")
        let both = runner.run(["sessions", "--blocking", "--waiting"], config: config)
        #expect(both.code == 3, "\(both.stderr)")
    }

    @Test("touchline's own connection is refused (cancel and terminate), nothing signalled: a probe's connection in this process")
    func ownConnectionRefused() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let stack = runner.stack
        let environment = try #require(try ConfigLoader.load(path: config, environment: stack.environment).environments.first)
        let probe = try #require(environment.probes.first { $0.name == "postgres" })
        guard case .postgres(let dsn, let passwordEnv) = probe.target else { Issue.record("not a postgres probe"); return }
        let own = try ActivityConnection.open(dsn: dsn, password: passwordEnv.flatMap { stack.environment[$0] }, deadline: Deadline(seconds: 5))
        defer { own.close() }
        let pid = Int(own.backendPID)
        #expect(OwnBackends.current.contains(pid))
        for kind in [ActionKind.cancelQuery, .terminateSession] {
            let spec = SessionActionSpec.make(kind, environment: environment,
                                              signal: SessionSignal(probe: probe.name, session: ActivitySession(pid: pid), listed: false))
            let report = SessionSignalRunner(environment: environment, processEnvironment: stack.environment)
                .run(spec, control: ActionControl(), output: ActionOutputSink(line: { _ in }))
            #expect(report.outcome == .refused, "\(report.message)")
            #expect(report.message.contains("pid \(pid) is touchline's own connection"), "\(report.message)")
        }
        #expect(stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)") == "1", "the connection is still there")
    }

    @Test("a role without pg_signal_backend: one line saying so (cancel and terminate), exit 1, audited as failed; a superuser's session says that instead")
    func permissionDenied() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let stack = runner.stack
        _ = stack.adminQuery("""
            DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'touchline_other') THEN
            CREATE ROLE touchline_other LOGIN PASSWORD '\(stack.password)'; END IF; END$$
            """)
        _ = stack.adminQuery("ALTER ROLE touchline_other PASSWORD '\(stack.password)'")
        #expect(stack.adminQuery("SELECT pg_has_role('football_staging_user', 'pg_signal_backend', 'MEMBER')") == "f")
        let other = try ScriptedSession(stack, application: "other-role", sql: "SELECT pg_sleep(60)", user: "touchline_other")
        defer { other.stop() }
        let pid = try #require(other.pid(), "\(other.output)")
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active" })
        let result = runner.run(["cancel-query", String(pid), "--yes"], config: config)
        #expect(result.code == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("permission denied") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("pg_signal_backend") == true, "\(result.stderr)")
        #expect(lines.first?.contains("touchline_other") == true, "names the session's role: \(result.stderr)")
        #expect(stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active", "nothing happened to it")
        let end = try #require(runner.auditRecords().last { $0.action == "cancel-query" })
        #expect(end.outcome == .failed && end.error?.contains("permission denied") == true)
        // Terminate is refused the same way, in its own words.
        let terminate = runner.run(["terminate-session", String(pid), "--yes"], config: config)
        #expect(terminate.code == 1, "\(terminate.stderr)")
        let terminateLines = terminate.stderr.split(separator: "\n").filter { $0.contains("permission denied") }
        #expect(terminateLines.count == 1 && terminateLines.first?.contains("permission denied to terminate pid \(pid) (owned by touchline_other)") == true,
                "\(terminate.stderr)")
        #expect(terminateLines.first?.contains("pg_signal_backend") == true)
        // A superuser's session: pg_signal_backend does not help, and the line says so (cancel and terminate).
        _ = stack.adminQuery("""
            DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'touchline_super') THEN
            CREATE ROLE touchline_super SUPERUSER LOGIN PASSWORD '\(stack.password)'; END IF; END$$
            """)
        _ = stack.adminQuery("ALTER ROLE touchline_super PASSWORD '\(stack.password)'")
        let superuser = try ScriptedSession(stack, application: "super-role", sql: "SELECT pg_sleep(60)", user: "touchline_super")
        defer { superuser.stop() }
        let superPid = try #require(superuser.pid(), "\(superuser.output)")
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(superPid)") == "active" })
        for (command, verb) in [("cancel-query", "cancel"), ("terminate-session", "terminate")] {
            let refused = runner.run([command, String(superPid), "--yes"], config: config)
            #expect(refused.code == 1, "\(refused.stderr)")
            let line = refused.stderr.split(separator: "\n").filter { $0.contains("permission denied") }
            #expect(line.count == 1 && line.first?.contains("permission denied to \(verb) pid \(superPid) (owned by touchline_super): it is a superuser's session") == true,
                    "\(refused.stderr)")
        }
        #expect(stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(superPid)") == "active")
    }

    @Test("protected environment without --confirm: refused (2), nothing signalled; non-client backends and touchline's own refused")
    func refusals() throws {
        let runner = try headless()
        let config = try runner.writeConfig(protected: true)
        let sleeper = try ScriptedSession(runner.stack, application: "protected-sleeper", sql: "SELECT pg_sleep(60)")
        defer { sleeper.stop() }
        let pid = try #require(sleeper.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active" })
        let refused = runner.run(["terminate-session", String(pid)], config: config)
        #expect(refused.code == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("--confirm staging"), "\(refused.stderr)")
        #expect(runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(pid)") == "active")
        #expect(runner.auditRecords().last?.outcome == .refused)
        let wrong = runner.run(["terminate-session", String(pid), "--confirm", "production"], config: config)
        #expect(wrong.code == 2)
        let checkpointer = runner.stack.adminQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")
        let background = runner.run(["terminate-session", checkpointer, "--confirm", "staging"], config: config)
        #expect(background.code == 2 && background.stderr.contains("not a client backend"), "\(background.stderr)")
        // The refusal's line names the command once: `touchline terminate-session: refused: pid …`, never
        // `touchline terminate-session: terminate-session 4711: pid …`; the audit's error holds the cause alone.
        let backgroundLine = background.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(backgroundLine.hasPrefix("touchline terminate-session: refused: pid \(checkpointer) "), "\(background.stderr)")
        #expect(runner.auditRecords().last?.error?.hasPrefix("pid \(checkpointer) ") == true, "\(String(describing: runner.auditRecords().last))")
        let gone = runner.run(["cancel-query", "2147483647", "--confirm", "staging", "--json"], config: config)
        #expect(gone.code == 2, "\(gone.stderr)")
        #expect(gone.stderr.hasSuffix("\ntouchline cancel-query: refused: no session with pid 2147483647 on the server of probe postgres\n"),
                "\(gone.stderr)")
        #expect(try runner.json(gone.stdout)["message"] as? String == "refused: no session with pid 2147483647 on the server of probe postgres",
                "\(gone.stdout)")
        #expect(runner.auditRecords().last?.error == "no session with pid 2147483647 on the server of probe postgres")
        // Another touchline's session needs the typed name even in an unprotected environment.
        let open = try runner.writeConfig()
        let touchline = try ScriptedSession(runner.stack, application: "touchline-other", sql: "SELECT pg_sleep(60)")
        defer { touchline.stop() }
        let theirs = try #require(touchline.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { runner.stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(theirs)") == "active" })
        let listed = try sessions(runner, config: open, [])
        #expect(row(listed, pid: theirs)?["touchline"] as? Bool == true)
        let yesOnly = runner.run(["cancel-query", String(theirs), "--yes"], config: open)
        #expect(yesOnly.code == 2 && yesOnly.stderr.contains("--confirm staging"), "\(yesOnly.stderr)")
        let typed = runner.run(["cancel-query", String(theirs), "--confirm", "staging"], config: open)
        #expect(typed.code == 0, "\(typed.stderr)")
        let usage = runner.run(["cancel-query", "abc"], config: open)
        #expect(usage.code == 3)
        let noProbe = runner.run(["sessions", "--probe", "redis"], config: open)
        #expect(noProbe.code == 3 && noProbe.stderr.contains("no postgres probe 'redis'"), "\(noProbe.stderr)")
    }

    @Test("the server unreachable: sessions exits 1 with one line")
    func unreachable() throws {
        let runner = try headless()
        let config = try runner.writeConfig()
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "port=\(runner.stack.postgresPort)", with: "port=\(TestStack.freePort())")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let result = runner.run(["sessions"], config: config)
        #expect(result.code == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let cancel = runner.run(["cancel-query", "4711", "--yes"], config: config)
        #expect(cancel.code == 1, "\(cancel.stderr)")
        let last = cancel.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("touchline cancel-query: cannot connect to postgres: "), "\(cancel.stderr)")
        #expect(runner.auditRecords().last?.error?.hasPrefix("cannot connect to postgres: ") == true)
    }
}
}
