import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Issue 16 on the real stack: operators with state folders of their own (as on two machines) and different
/// `TOUCHLINE_OPERATOR` names share one coordination database — the lock, the audit table, the store down,
/// a killed holder, a schema newer than the binary. Each case has a database of its own.
extension RealStackSuite {
@Suite("Coordination store", .serialized)
struct CoordinationStackTests {
    private func coordination() throws -> CoordinationCase {
        switch TestStack.shared {
        case .success(let stack): return CoordinationCase(stack: stack)
        case .failure(let error): throw error
        }
    }

    @Test("two operators both start a rollback: exactly one runs, the other is refused naming the holder")
    func twoRollbacks() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let stack = coordination.stack
        defer { stack.run(["rollback", "1.5.0"]) }
        let alice = try coordination.writeConfig(operator: "alice")
        let bob = try coordination.writeConfig(operator: "bob")
        let arguments = ["rollback", "1.4.2", "--confirm", "staging"]
        let names = ["alice", "bob"]
        let configs = [alice, bob]
        let results = ConcurrentRuns.run(count: 2) { index in coordination.run(names[index], arguments, config: configs[index]) }
        let codes = results.map(\.code).sorted()
        #expect(codes == [0, 2], "alice: \(results[0].code) \(results[0].stderr)\nbob: \(results[1].code) \(results[1].stderr)")
        let refused = results[0].code == 2 ? results[0] : results[1]
        let winner = results[0].code == 2 ? "bob" : "alice"
        #expect(refused.stderr.contains("refused: staging is locked by \(winner)@") && refused.stderr.contains("(rollback to 1.4.2, "),
                "\(refused.stderr)")
        let rows = coordination.sharedRows()
        #expect(rows.filter { $0.hasPrefix("\(winner)|rollback|") }.count == 2, "\(rows)")
        #expect(rows.contains { $0.hasSuffix("|rollback|end|refused|f") && !$0.hasPrefix(winner) }, "\(rows)")
        #expect(coordination.sql("SELECT count(*) FROM touchline.holders") == "0", "the holder's row goes with its lock")
    }

    @Test("20 headless restart --yes at once: exactly one runs, 19 are refused, all 20 audited in the shared table")
    func twentyRestarts() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let configs = try (0..<20).map { index in
            try coordination.writeConfig(operator: "op\(index)", restartCommand: ["/bin/sleep", "4"])
        }
        let results = ConcurrentRuns.run(count: 20) { index in
            coordination.run("op\(index)", ["restart", "api", "--yes"], config: configs[index])
        }
        let ran = results.filter { $0.code == 0 }
        let refused = results.filter { $0.code == 2 }
        #expect(ran.count == 1 && refused.count == 19, "\(results.map { "\($0.code): \($0.stderr.suffix(200))" })")
        #expect(refused.allSatisfy { $0.stderr.contains(/staging is locked by op\d+@/) }, "\(refused.map(\.stderr))")
        let rows = coordination.sharedRows().filter { $0.contains("|restart|") }
        #expect(rows.filter { $0.hasSuffix("|end|refused|f") }.count == 19, "\(rows)")
        #expect(rows.filter { $0.contains("|start|") }.count == 1 && rows.filter { $0.hasSuffix("|end|ok|f") }.count == 1, "\(rows)")
        for index in 0..<20 {
            let local = AuditLog(stateDirectory: coordination.stateDirectory("op\(index)")).recent(limit: 10)
            #expect(!local.isEmpty, "op\(index) audited locally too")
        }
        #expect(!coordination.sql("SELECT string_agg(argv::text || coalesce(error, ''), ' ') FROM touchline.audit")
            .contains(coordination.stack.password))
    }

    @Test("the audit table is append-only: UPDATE, DELETE and TRUNCATE are refused by the database, as touchline's role and as the superuser")
    func appendOnly() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let config = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/true"])
        let result = coordination.run("alice", ["restart", "api", "--yes"], config: config)
        #expect(result.code == 0, "\(result.stderr)")
        // `psql` connects as the role touchline writes with (it owns the schema here), `admin-psql` as the superuser.
        for tool in ["psql", "admin-psql"] {
            for statement in ["UPDATE touchline.audit SET outcome = 'ok'", "DELETE FROM touchline.audit", "TRUNCATE touchline.audit"] {
                let refused = coordination.stack.run([tool, "-d", coordination.database, "-XAtqc", statement])
                #expect(refused.0 != 0 && refused.1.contains("append-only"), "\(tool): \(statement): \(refused.1)")
            }
        }
        #expect(coordination.sharedRows().count == 2)
        #expect(coordination.sql("SELECT max(version) FROM touchline.schema_version") == "1", "created on first use, versioned")
    }

    @Test("A's action is in `touchline audit` on B's side; kill -9 of A mid-action: B proceeds at once, A's start shows interrupted")
    func killedHolder() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let alice = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/sleep", "6"])
        let bob = try coordination.writeConfig(operator: "bob", restartCommand: ["/bin/true"])
        let stderr = "\(coordination.root)/alice.stderr"
        let holder = try SignalledProcess([CoordinationCase.binary, "restart", "api", "--yes", "--config", alice],
                                          stderrPath: stderr, environment: coordination.environment("alice"))
        let held = FaultSupport.waitUntil(seconds: 20) {
            coordination.sql("SELECT count(*) FROM touchline.holders") == "1"
        }
        #expect(held, "alice took the shared lock: \(holder.stderr)")
        let lock = coordination.run("bob", ["lock", "--json"], config: bob)
        #expect(lock.code == 0 && lock.stdout.contains("\"who\":\"alice@"), "\(lock.stdout)\(lock.stderr)")
        let refused = coordination.run("bob", ["restart", "api", "--yes"], config: bob)
        #expect(refused.code == 2 && refused.stderr.contains(/staging is locked by alice@[^ ]+ \(restart api, \d+ s ago\)/),
                "\(refused.stderr)")
        holder.signal(SIGKILL)
        #expect(holder.exitCode(within: 5) == 128 + SIGKILL)
        let killedAt = Date()
        let after = coordination.run("bob", ["restart", "api", "--yes"], config: bob)
        #expect(after.code == 0, "bob proceeds once alice's session is gone: \(after.stderr)")
        #expect(Date().timeIntervalSince(killedAt) < 10, "at once (no stale-lock wait)")
        let audit = coordination.run("bob", ["audit", "--limit", "20"], config: bob)
        #expect(audit.code == 0, "\(audit.stderr)")
        let aliceStart = audit.stdout.split(separator: "\n").first { $0.contains("  start  ") && $0.contains("alice@") }
        #expect(aliceStart?.contains("interrupted (no end record)") == true, "\(audit.stdout)")
        #expect(audit.stdout.contains("bob@"), "\(audit.stdout)")
        let rows = coordination.sharedRows()
        #expect(rows.filter { $0.hasPrefix("alice|restart|") } == ["alice|restart|start||f"], "\(rows)")
        let taken = coordination.sql("SELECT details->>'shared_lock_taken_over_from' FROM touchline.audit WHERE username = 'bob' AND phase = 'start' ORDER BY seq DESC LIMIT 1")
        #expect(taken.contains("alice@"), "the next taker cleaned alice's stale holder row: \(taken)")
    }

    @Test("the incident snapshot records who held the lock and the other operators' actions of the window")
    func snapshot() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let alice = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/sleep", "4"])
        let bob = try coordination.writeConfig(operator: "bob")
        let holder = try SignalledProcess([CoordinationCase.binary, "restart", "api", "--yes", "--config", alice],
                                          stderrPath: "\(coordination.root)/alice.stderr", environment: coordination.environment("alice"))
        #expect(FaultSupport.waitUntil(seconds: 20) { coordination.sql("SELECT count(*) FROM touchline.holders") == "1" })
        let output = "\(coordination.root)/snapshots"
        let taken = coordination.run("bob", ["snapshot", "--json", "--output", output], config: bob)
        #expect(taken.code == 0, "\(taken.stderr)")
        let paths = try #require(try JSONSerialization.jsonObject(with: Data(taken.stdout.utf8)) as? [String: Any])
        let json = try String(contentsOfFile: try #require(paths["json"] as? String), encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let holders = try #require(document["lock_holders"] as? [String])
        #expect(holders.contains { $0.contains("staging is locked by alice@") && $0.contains("(restart api, ") }, "\(holders)")
        let actions = try #require(document["actions"] as? [[String: Any]])
        #expect(actions.contains { $0["user"] as? String == "alice" && $0["phase"] as? String == "start" }, "\(actions)")
        let markdown = try String(contentsOfFile: try #require(paths["markdown"] as? String), encoding: .utf8)
        #expect(markdown.contains("Action lock: staging is locked by alice@"), "\(markdown)")
        #expect(holder.exitCode(within: 30) == 0, "\(holder.stderr)")
    }

    @Test("store down: require = true refuses (exit 2, audited locally); require = false runs and uploads its records late")
    func storeDown() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let closed = TestStack.freePort()
        let strict = try coordination.writeConfig(operator: "alice", require: true, port: closed, restartCommand: ["/bin/true"])
        let refused = coordination.run("alice", ["restart", "api", "--yes"], config: strict)
        #expect(refused.code == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("coordination store unreachable") && refused.stderr.contains("require = true"), "\(refused.stderr)")
        let local = AuditLog(stateDirectory: coordination.stateDirectory("alice")).recent(limit: 5)
        #expect(local.first?.outcome == .refused, "audited locally")
        // lock: what it read on standard output, why the shared lock is unknown on standard error, exit 1.
        let lock = coordination.run("alice", ["lock"], config: strict)
        #expect(lock.code == 1 && lock.stdout == "staging is free on this machine\n", "\(lock.stdout)")
        #expect(lock.stderr.hasPrefix("touchline lock: shared lock unknown: coordination store unreachable: ") &&
                lock.stderr.split(separator: "\n").count == 1, "\(lock.stderr)")

        let lenient = try coordination.writeConfig(operator: "bob", require: false, port: closed, restartCommand: ["/bin/true"])
        let ran = coordination.run("bob", ["restart", "api", "--yes"], config: lenient)
        #expect(ran.code == 0, "\(ran.stderr)")
        #expect(ran.stderr.contains("running on the local lock only"), "\(ran.stderr)")
        #expect(AuditSpool(stateDirectory: coordination.stateDirectory("bob")).pending.count == 2)

        // The store is back (the same state folder now reaches it): the next touchline uploads the records, late.
        let back = try coordination.writeConfig(operator: "bob", require: false, restartCommand: ["/bin/true"])
        let audit = coordination.run("bob", ["audit"], config: back)
        #expect(audit.code == 0, "\(audit.stderr)")
        let rows = coordination.sharedRows()
        #expect(rows.contains("bob|restart|start||t") && rows.contains("bob|restart|end|ok|t"), "\(rows)")
        #expect(audit.stdout.contains("(recorded late)"), "\(audit.stdout)")
        #expect(AuditSpool(stateDirectory: coordination.stateDirectory("bob")).pending.isEmpty)
    }

    @Test("a schema newer than the binary: one line, exit 3; coordination init prints the DDL and installs it with --confirm")
    func newerSchema() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let config = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/true"])
        let printed = coordination.run("alice", ["coordination", "init"], config: config)
        #expect(printed.code == 0 && printed.stdout.contains("CREATE TABLE IF NOT EXISTS touchline.audit"), "\(printed.stderr)")
        #expect(coordination.sql("SELECT to_regclass('touchline.audit') IS NULL") == "t", "printing runs nothing")
        #expect(!printed.stdout.contains(coordination.stack.password))
        let installed = coordination.run("alice", ["coordination", "init", "--confirm"], config: config)
        #expect(installed.code == 0, "\(installed.stderr)")
        #expect(installed.stdout.hasPrefix("schema version 1 installed in host=") && installed.stdout.split(separator: "\n").count == 1,
                "--confirm prints what it installed, not the script: \(installed.stdout)")
        let again = coordination.run("alice", ["coordination", "init", "--confirm"], config: config)
        #expect(again.code == 0 && again.stdout.hasPrefix("schema version 1 installed (it was already there) in "), "\(again.stdout)")
        #expect(coordination.sql("SELECT max(version) FROM touchline.schema_version") == "1")
        coordination.sql("INSERT INTO touchline.schema_version (version) VALUES (2)")
        // Every command that would use the store stops with the one line: an action, and the reads too.
        for arguments in [["restart", "api", "--yes"], ["lock"], ["lock", "--json"], ["audit"], ["rollback", "1.4.2", "--confirm", "staging"]] {
            let result = coordination.run("alice", arguments, config: config)
            #expect(result.code == 3, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("coordination schema is version 2, newer than this touchline understands (1)"),
                    "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        }
    }

    @Test("an acknowledgement lapses after acknowledge_for: cleared for everyone, audited once by the watcher that saw it lapse")
    func acknowledgementExpires() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        func store(_ name: String) throws -> CoordinationStore {
            let path = try coordination.writeConfig(operator: name)
            let text = try String(contentsOfFile: path, encoding: .utf8) + "\nacknowledge_for = \"1s\"\n"
            let config = try ConfigLoader.parse(text, file: path, baseDirectory: coordination.root, environment: coordination.stack.environment)
            let environment = try #require(config.environments.first)
            return try #require(CoordinationStore(environment: environment, identity: OperatorIdentity(user: name, host: "ops", pid: 7),
                                                  processEnvironment: coordination.stack.environment))
        }
        let alice = try store("alice")
        let bob = try store("bob")
        let aliceSession = try alice.connect(.command)
        defer { aliceSession.close() }
        let bobSession = try bob.connect(.command)
        defer { bobSession.close() }
        _ = try SharedAcknowledgements.acknowledge("api", store: alice, on: aliceSession)
        #expect(try SharedAcknowledgements.current(store: bob, on: bobSession).map(\.who) == ["alice@ops"])
        usleep(1_300_000)
        #expect(try SharedAcknowledgements.current(store: bob, on: bobSession).isEmpty, "lapsed")
        #expect(try SharedAcknowledgements.current(store: alice, on: aliceSession).isEmpty)
        let rows = coordination.sharedRows()
        #expect(rows.filter { $0.hasSuffix("|acknowledge-clear|end|ok|f") } == ["bob|acknowledge-clear|end|ok|f"], "\(rows)")
        #expect(coordination.sql("SELECT details->>'was' || ' ' || (details->>'reason') FROM touchline.audit WHERE action = 'acknowledge-clear' AND phase = 'end'")
            == "alice@ops expired after 1s")
    }

    @Test("presence survives a long operator and host name: PostgreSQL's 63-byte application_name still ends with the environment")
    func longPresenceName() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let path = try coordination.writeConfig(operator: "firstname.lastname")
        let config = try ConfigLoader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, baseDirectory: coordination.root,
                                            environment: coordination.stack.environment)
        let environment = try #require(config.environments.first)
        let identity = OperatorIdentity(user: "firstname.lastname", host: "ip-172-31-22-119.eu-west-1.compute.internal", pid: 7)
        let store = try #require(CoordinationStore(environment: environment, identity: identity, processEnvironment: coordination.stack.environment))
        let watcher = try store.connect(.watcher)
        defer { watcher.close() }
        let names = coordination.sql("SELECT application_name FROM pg_stat_activity WHERE datname = '\(coordination.database)' AND application_name LIKE 'touchline:%'")
        #expect(names == "touchline:firstname.lastname@ip-172-31-22-119:staging", "\(names)")
    }

    @Test("triage beside another operator's lock and without the store: cancel-query runs, never refused or waiting; audited")
    func triageNeverRefused() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let stack = coordination.stack
        let alice = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/sleep", "8"])
        let bob = try coordination.writeConfig(operator: "bob")
        let holder = try SignalledProcess([CoordinationCase.binary, "restart", "api", "--yes", "--config", alice],
                                          stderrPath: "\(coordination.root)/alice.stderr", environment: coordination.environment("alice"))
        #expect(FaultSupport.waitUntil(seconds: 20) { coordination.sql("SELECT count(*) FROM touchline.holders") == "1" })
        let first = try ScriptedSession(stack, application: "coord-triage-1", sql: "SELECT pg_sleep(60)")
        defer { first.stop() }
        let firstPid = try #require(first.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(firstPid)") == "active" })
        let beside = coordination.run("bob", ["cancel-query", String(firstPid), "--yes"], config: bob)
        #expect(beside.code == 0 && beside.seconds < 5, "not refused by alice's lock: \(beside.stderr)")
        #expect(!beside.stderr.contains("locked by"), "\(beside.stderr)")
        #expect(coordination.sharedRows().contains("bob|cancel-query|end|ok|f"), "audited in the shared table")

        // The store unreachable with require = true: require is about the shared lock; triage runs, its records spooled.
        let strict = try coordination.writeConfig(operator: "carol", require: true, port: TestStack.freePort())
        let second = try ScriptedSession(stack, application: "coord-triage-2", sql: "SELECT pg_sleep(60)")
        defer { second.stop() }
        let secondPid = try #require(second.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT state FROM pg_stat_activity WHERE pid = \(secondPid)") == "active" })
        let storeDown = coordination.run("carol", ["cancel-query", String(secondPid), "--yes"], config: strict)
        #expect(storeDown.code == 0, "\(storeDown.stderr)")
        #expect(storeDown.stderr.contains("its audit records are uploaded when the store is back"), "\(storeDown.stderr)")
        #expect(AuditSpool(stateDirectory: coordination.stateDirectory("carol")).pending.count == 2)
        let restart = coordination.run("carol", ["restart", "api", "--yes"], config: strict)
        #expect(restart.code == 2 && restart.stderr.contains("require = true"), "an action that changes the environment is: \(restart.stderr)")
        #expect(holder.exitCode(within: 30) == 0, "\(holder.stderr)")
    }
}
}
