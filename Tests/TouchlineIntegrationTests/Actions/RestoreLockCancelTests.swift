import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

extension RealStackSuite {
/// A restore cancelled while its psql waits on a lock another session holds (the tester's repro: `LOCK TABLE
/// teams IN EXCLUSIVE MODE` in an open transaction, then `touchline restore`, then Ctrl-C): touchline ends
/// psql's backend server-side, the row-count comparison is not left queued, the audit gets its end record
/// within the 15 s grace, no backend touchline started remains, and the data is as it was (one transaction).
@Suite("Restore cancelled while waiting on a lock", .serialized)
struct RestoreLockCancelTests {
    private static let tables = ["public.matches", "public.predictions", "public.teams"]

    private func counts(_ stack: TestStack) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Self.tables.map { ($0, stack.adminQuery("SELECT count(*) FROM \($0)")) })
    }

    /// The backends touchline started (every connection of it names itself `touchline…`), as `pid app state`.
    private func touchlineBackends(_ stack: TestStack) -> String {
        stack.adminQuery("SELECT string_agg(pid || ' ' || application_name || ' ' || coalesce(wait_event_type, state), '; ') "
                         + "FROM pg_stat_activity WHERE application_name LIKE 'touchline%'")
    }

    /// A backup of the seed data made by `touchline backup`, its file name.
    private func backup(_ runner: HeadlessRunner, config: String) throws -> String {
        let made = runner.run(["backup", "--yes"], config: config, timeout: 300)
        #expect(made.code == 0, "\(made.stderr)")
        let listed = try runner.json(runner.run(["backups", "--json"], config: config).stdout)
        let entries = try #require(listed["backups"] as? [[String: Any]])
        return try #require(entries.first?["file"] as? String)
    }

    /// The stack with a fresh backup, its row counts before anything runs, and a session holding
    /// `LOCK TABLE teams IN EXCLUSIVE MODE` in an open transaction (the caller stops it).
    private struct Locked {
        let stack: TestStack
        let runner: HeadlessRunner
        let config: String
        let file: String
        let before: [String: String]
        let holder: SessionHolder
        let holderPid: Int
    }

    private func locked() throws -> Locked {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        let file = try backup(runner, config: config)
        let before = counts(stack)
        let holder = try SessionHolder(stack, count: 1, application: "lock-holder", sql: "LOCK TABLE teams IN EXCLUSIVE MODE")
        #expect(holder.opened()?.count == 1, "\(holder.output)")
        let holderPid: Int
        do {
            holderPid = try #require(holder.pid, "\(holder.output)")
        } catch {
            holder.stop()
            throw error
        }
        return Locked(stack: stack, runner: runner, config: config, file: file, before: before, holder: holder, holderPid: holderPid)
    }

    /// Sends SIGINT to `run`: it exits 1 within the 15 s grace, and no backend touchline started is left.
    private func interrupt(_ run: SignalledProcess, stack: TestStack) {
        run.signal(SIGINT)
        let signalled = Date()
        #expect(run.exitCode(within: 30) == 1, "\(run.stderr)")
        let took = Date().timeIntervalSince(signalled)
        #expect(took < 15, "ended \(took) s after SIGINT, within the grace: \(run.stderr)")
        var left = "?"
        #expect(FaultSupport.waitUntil(seconds: 5) {
            left = touchlineBackends(stack)
            return left.isEmpty
        }, "still there: \(left)")
    }

    /// Starts `touchline restore FILE` and waits until its psql waits on the lock; returns the process.
    private func restoreWaitingOnLock(_ runner: HeadlessRunner, config: String, file: String, holder: Int) throws -> SignalledProcess {
        let run = try SignalledProcess([FaultSupport.binary, "restore", file, "--config", config, "--env", "staging",
                                        "--confirm", "staging"],
                                       stderrPath: runner.root + "/restore.stderr", environment: runner.stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 120) { run.stderr.contains("waiting for a lock held by pid \(holder)") },
                "\(run.stderr)")
        return run
    }

    @Test("SIGINT while psql waits on an EXCLUSIVE lock: exit 1 within the grace, end record cancelled naming the lock and the ended server session, no touchline backend left, row counts unchanged",
          .timeLimit(.minutes(5)))
    func sigintWhileWaitingOnLock() throws {
        let locked = try locked()
        let (stack, runner, holder, holderPid, before) = (locked.stack, locked.runner, locked.holder, locked.holderPid, locked.before)
        defer { holder.stop() }

        let run = try restoreWaitingOnLock(runner, config: locked.config, file: locked.file, holder: holderPid)
        // (a) Nothing touchline started is left on the server: not psql's backend, not the row-count query.
        interrupt(run, stack: stack)
        // (b) The audit has the end record, saying what was done.
        let end = try #require(runner.auditRecords().last { $0.action == "restore" && $0.phase == .end }, "\(runner.auditText())")
        #expect(end.outcome == .cancelled)
        let session = end.details["server_session"]?.string ?? ""
        #expect(session.contains("was ended while it waited on a lock held by pid \(holderPid)"), "\(session)")
        #expect(end.error?.contains("interrupted by signal 2") == true, "\(end.error ?? "")")
        #expect(end.details["unchanged_check"] != nil, "the comparison with the safety backup ran: \(end.details)")
        #expect(run.stderr.contains("the row counts of all"), "\(run.stderr)")
        // (c) One transaction: the data is as it was, also once the lock is gone.
        #expect(counts(stack) == before)
        holder.stop()
        #expect(counts(stack) == before)
        #expect(!runner.auditText().contains(stack.password))
    }

    @Test("SIGINT while waiting on the lock, with an ACCESS EXCLUSIVE request queued on teams too: the row-count comparison is stopped at its deadline, not left queued; exit 1 within the grace, end record, nothing left behind",
          .timeLimit(.minutes(5)))
    func comparisonQueuedBehindLockIsStopped() throws {
        let locked = try locked()
        let (stack, runner, holder, before) = (locked.stack, locked.runner, locked.holder, locked.before)
        defer { holder.stop() }
        let run = try restoreWaitingOnLock(runner, config: locked.config, file: locked.file, holder: locked.holderPid)
        // A second session asks for ACCESS EXCLUSIVE on teams: it queues, and so does any SELECT on teams after it.
        let queued = try SessionHolder(stack, count: 1, application: "lock-queued", sql: "LOCK TABLE teams IN ACCESS EXCLUSIVE MODE")
        defer { queued.stop() }
        #expect(FaultSupport.waitUntil(seconds: 10) {
            stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lock-queued' AND wait_event_type = 'Lock'") == "1"
        })

        interrupt(run, stack: stack)
        let end = try #require(runner.auditRecords().last { $0.action == "restore" && $0.phase == .end }, "\(runner.auditText())")
        #expect(end.outcome == .cancelled)
        let stopped = end.details["unchanged_check_error"]?.string ?? ""
        #expect(stopped.contains("did not finish within 8 s"), "\(end.details)")
        #expect(run.stderr.contains("the row counts could not be compared with the safety backup"), "\(run.stderr)")
        queued.stop()
        holder.stop()
        #expect(counts(stack) == before)
    }
}
}
