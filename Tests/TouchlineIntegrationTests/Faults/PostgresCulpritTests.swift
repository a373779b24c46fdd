import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Whenever touchline says PostgreSQL is slow or stuck, it names the session that is the cause, from
/// `pg_blocking_pids` and the session's state: the lock holder rather than an unrelated long statement, an
/// open transaction left idle as such, and what a restore or a backup waits for.
extension RealStackSuite {
@Suite("Faults: PostgreSQL culprits", .serialized)
struct PostgresCulpritTests {
    private let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path

    /// A psql running `sql` in the background with application_name `tag` (as the superuser when `admin`).
    private func psql(_ stack: TestStack, tag: String, admin: Bool = false, _ sql: String) throws -> BackgroundProcess {
        var environment = stack.environment
        environment["PGAPPNAME"] = tag
        return try BackgroundProcess([script, admin ? "admin-psql" : "psql", "-XAtq", "-c", sql], environment: environment)
    }

    private func pid(_ stack: TestStack, tag: String) -> Int? {
        Int(stack.adminQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '\(tag)' ORDER BY backend_start LIMIT 1"))
    }

    private func terminate(_ stack: TestStack, tags: [String]) {
        let list = tags.map { "'\($0)'" }.joined(separator: ",")
        _ = stack.adminQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name IN (\(list))")
    }

    @Test("case A: LOCK TABLE matches held while an unrelated pg_sleep runs longer: degraded names the waiter and the holder, never the sleeper; check --json has blocking_pid")
    func blockerNotLongestStatement() throws {
        let stack = try FaultSupport.stack()
        let id = UUID().uuidString.prefix(6)
        let (sleeperTag, holderTag, waiterTag) = ("tl-sleeper-\(id)", "tl-holder-\(id)", "tl-waiter-\(id)")
        defer { terminate(stack, tags: [sleeperTag, holderTag, waiterTag]) }
        let sleeper = try psql(stack, tag: sleeperTag, "SELECT pg_sleep(60)")
        defer { sleeper.stop() }
        Thread.sleep(forTimeInterval: 1)
        let holder = try psql(stack, tag: holderTag, admin: true,
                              "BEGIN; LOCK TABLE matches IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;")
        defer { holder.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) {
            stack.adminQuery("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'matches' AND l.mode = 'AccessExclusiveLock' AND l.granted") == "1"
        }, "the lock was never taken: \(holder.output)")
        let waiter = try psql(stack, tag: waiterTag, "SELECT count(*) FROM matches")
        defer { waiter.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) {
            stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(waiterTag)' AND wait_event_type = 'Lock'") == "1"
        }, "the count never waited: \(waiter.output)")
        let sleeperPid = try #require(pid(stack, tag: sleeperTag))
        let holderPid = try #require(pid(stack, tag: holderTag))
        let waiterPid = try #require(pid(stack, tag: waiterTag))

        let checker = try FaultSupport.checker(stack, "postgres")
        defer { checker.close() }
        var sample = checker.check()
        #expect(FaultSupport.waitUntil(seconds: 10) {
            sample = checker.check()
            return sample.status == .degraded
        }, "never degraded: \(sample.error ?? "")")
        let error = sample.error ?? ""
        // The oldest waiter is named; the stand-in's data collector (a real client reading `matches` every
        // second) may queue behind the same lock, so the count is at least one.
        #expect(error.range(of: #"^[0-9]+ sessions? waiting on locks: pid \#(waiterPid) waits "#, options: .regularExpression) != nil,
                "\(error)")
        #expect(error.contains(" on pid \(holderPid) (\(holderTag), active "), "\(error)")
        #expect(error.contains("LOCK TABLE matches IN ACCESS EXCLUSIVE MODE"), "\(error)")
        #expect(!error.contains("pid \(sleeperPid)"), "the unrelated sleeper is not the culprit: \(error)")
        guard case .postgres(let pg) = sample.metrics else { Issue.record("no metrics"); return }
        #expect(pg.longestQuery?.pid == sleeperPid, "the sleeper is still the longest statement")
        #expect(pg.lockWait?.blocker.pid == holderPid && pg.lockWait?.waiterPid == waiterPid)
        #expect((pg.lockWait?.waitSeconds ?? 0) >= PostgresSnapshot.lockWaitThreshold)
        print("case A: \(error)")

        let check = try FaultSupport.check(stack, json: true)
        #expect(check.code == 1, "\(check.stdout)\(check.stderr)")
        let metrics = FaultSupport.probe("postgres", in: check.stdout)?["metrics"] as? [String: Any]
        #expect(metrics?["blocking_pid"] as? Int == holderPid, "\(check.stdout)")
        #expect(metrics?["lock_wait_pid"] as? Int == waiterPid)
        #expect(metrics?["blocking_state"] as? String == "active")
    }

    @Test("case B: a transaction left idle in transaction is the oldest transaction, not the longest statement; degraded past idle_in_transaction_warn, naming pid, application and state")
    func idleInTransaction() throws {
        let stack = try FaultSupport.stack()
        let tag = "idletx-\(UUID().uuidString.prefix(6))"
        let idler = try SessionHolder(stack, count: 1, application: tag, sql: "select count(*) from teams")
        defer {
            idler.stop()
            terminate(stack, tags: [tag])
        }
        #expect(idler.opened()?.count == 1, "\(idler.output)")
        let idlePid = try #require(idler.pid, "\(idler.output)")

        var config = try #require(try stack.staging().probes.first { $0.name == "postgres" })
        config.idleInTransactionWarn = 3
        let checker = CheckerFactory.make(config, environment: stack.environment)
        defer { checker.close() }
        let early = checker.check()
        guard case .postgres(let pg) = early.metrics else { Issue.record("no metrics: \(early.error ?? "")"); return }
        #expect(pg.oldestIdleTransaction?.pid == idlePid)
        #expect(pg.oldestIdleTransaction?.state == "idle in transaction")
        #expect(pg.oldestIdleTransaction?.application == tag)
        #expect(pg.longestQuery?.pid != idlePid, "an idle session is not a running statement")

        var sample = early
        #expect(FaultSupport.waitUntil(seconds: 8) {
            sample = checker.check()
            return sample.status == .degraded
        }, "never degraded: \(sample.error ?? "")")
        let error = sample.error ?? ""
        #expect(error.hasPrefix("idle in transaction: pid \(idlePid) (\(tag)), transaction open "), "\(error)")
        #expect(error.hasSuffix("it holds its locks and blocks vacuum"), "\(error)")
        print("case B: \(error)")

        // Through the config key and the binary: exit 1, the oldest idle transaction in the JSON.
        let configPath = try stack.writeConfig()
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
            .replacingOccurrences(of: "password_env = \"STAGING_DB_PASSWORD\"\ntimeout = \"2s\"",
                                  with: "password_env = \"STAGING_DB_PASSWORD\"\ntimeout = \"2s\"\nidle_in_transaction_warn = \"2s\"")
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        #expect(text.contains("idle_in_transaction_warn"))
        let run = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", configPath, "--json"],
                                              environment: stack.environment, timeout: 15)
        #expect(run.code == 1, "\(run.stdout)\(run.stderr)")
        let probe = FaultSupport.probe("postgres", in: run.stdout)
        let metrics = probe?["metrics"] as? [String: Any]
        #expect(metrics?["oldest_idle_transaction_pid"] as? Int == idlePid, "\(run.stdout)")
        #expect(metrics?["oldest_idle_transaction_state"] as? String == "idle in transaction")
        #expect((probe?["error"] as? String)?.contains("pid \(idlePid)") == true, "\(run.stdout)")
    }

    @Test("case C: a restore waiting on a lock held by a transaction left idle says whose lock it waits for; it finishes once that session ends")
    func restoreWaitsOnIdleTransaction() throws {
        let stack = try FaultSupport.stack()
        let support = BackupTestSupport(stack: stack)
        try support.waitForPostgres()
        let backup = try #require(try support.action().run().report, "no backup")
        let tag = "idletx-\(UUID().uuidString.prefix(6))"
        let idler = try SessionHolder(stack, count: 1, application: tag, sql: "select count(*) from teams")
        defer {
            idler.stop()
            terminate(stack, tags: [tag])
        }
        #expect(idler.opened()?.count == 1, "\(idler.output)")
        let idlePid = try #require(idler.pid, "\(idler.output)")

        let (environment, config) = try support.environment()
        let action = RestoreAction(environment: environment, config: config, processEnvironment: stack.environment,
                                   identity: OperatorIdentity(user: "restore-test", host: "test-host", pid: getpid()))
        let messages = RestoreMessages()
        let done = DispatchSemaphore(value: 0)
        let outcome = RestoreMessages()
        action.start(file: backup.record.file, progress: messages.record) { ok, message in
            outcome.record("\(ok) \(message)")
            done.signal()
        }
        let expected = "waiting for a lock held by pid \(idlePid) (\(tag), idle in transaction "
        let named = FaultSupport.waitUntil(seconds: 60) { messages.all.contains { $0.contains(expected) } }
        #expect(named, "\(messages.all.suffix(5))")
        if let line = messages.all.first(where: { $0.contains(expected) }) {
            #expect(line.hasPrefix("restoring \(backup.record.file): "), "\(line)")
            print("case C: \(line)")
        }
        idler.stop()
        terminate(stack, tags: [tag])
        #expect(done.wait(timeout: .now() + 90) == .success, "the restore never finished")
        #expect(outcome.all.first?.hasPrefix("true ") == true, "\(outcome.all)")
    }

    @Test("a backup whose dump waits on a lock held by an idle transaction says whose lock it waits for in its progress")
    func backupWaitsOnLock() throws {
        let stack = try FaultSupport.stack()
        let support = BackupTestSupport(stack: stack)
        try support.waitForPostgres()
        let tag = "idletx-\(UUID().uuidString.prefix(6))"
        let locker = try SessionHolder(stack, count: 1, user: "football_staging_user", application: tag,
                                       sql: "LOCK TABLE teams IN ACCESS EXCLUSIVE MODE")
        defer {
            locker.stop()
            terminate(stack, tags: [tag])
        }
        #expect(locker.opened()?.count == 1, "\(locker.output)")
        let lockPid = try #require(locker.pid, "\(locker.output)")

        let progress = ProgressRecorder()
        let result = ResultBox()
        try support.action().start(progress: progress.record, completion: result.set)
        let expected = "waiting for a lock held by pid \(lockPid) (\(tag), idle in transaction "
        #expect(progress.wait(seconds: 30) { $0.text.contains(expected) }, "\(progress.all.suffix(3).map(\.text))")
        if let report = progress.all.first(where: { $0.text.contains(expected) }) { print("backup: \(report.text)") }
        locker.stop()
        terminate(stack, tags: [tag])
        let finished = result.wait(seconds: 90)
        #expect(finished?.report != nil, "\(String(describing: finished))")
    }
}
}
