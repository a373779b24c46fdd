import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// PostgreSQL misbehaving without being stopped: a long transaction holding a lock others wait on, and
/// every connection slot taken. The probe must keep its deadline, say what is wrong, and recover.
extension RealStackSuite {
@Suite("Faults: PostgreSQL slow and exhausted", .serialized)
struct PostgresFaultTests {
    /// Ends every backend whose application_name is `tag` (a killed psql leaves its pg_sleep running).
    private func terminateBackends(_ stack: TestStack, tag: String) {
        _ = stack.adminQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '\(tag)'")
    }

    @Test("a transaction holding LOCK TABLE teams in pg_sleep and a query waiting on it: waiting and the longest query reported within the deadline; degraded once the wait reached 5 s, check exits 1; clear after")
    func lockHeldBySleepingTransaction() throws {
        let stack = try FaultSupport.stack()
        let tag = "ft-lock-\(UUID().uuidString.prefix(6))"
        var environment = stack.environment
        environment["PGAPPNAME"] = tag
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let holder = try BackgroundProcess([script, "admin-psql", "-XAtq", "-c",
                                            "BEGIN; LOCK TABLE teams IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(20); COMMIT;"],
                                           environment: environment)
        defer { holder.stop(); terminateBackends(stack, tag: tag) }
        #expect(FaultSupport.waitUntil(seconds: 5) {
            stack.adminQuery("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'teams' AND l.mode = 'AccessExclusiveLock' AND l.granted") == "1"
        }, "the lock was never taken: \(holder.output)")
        let waiter = try BackgroundProcess([script, "psql", "-XAtq", "-c", "SELECT count(*) FROM teams"], environment: environment)
        defer { waiter.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) {
            stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(tag)' AND wait_event_type = 'Lock'") == "1"
        }, "the second query never waited: \(waiter.output)")

        let checker = try FaultSupport.checker(stack, "postgres")
        defer { checker.close() }
        _ = checker.check()
        let start = Date()
        let sample = checker.check()
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 2, "the probe took \(seconds) s against its 2 s deadline")
        guard case .postgres(let pg) = sample.metrics else { Issue.record("no metrics: \(sample.error ?? "")"); return }
        #expect(pg.waiting >= 1, "waiting \(pg.waiting)")
        let longest = try #require(pg.longestQuery, "no longest query")
        #expect(longest.text.contains("pg_sleep"), "\(longest)")
        #expect(longest.application == tag)
        #expect(longest.seconds > 0)
        let waited = pg.lockWait?.waitSeconds ?? 0
        #expect(sample.status == (waited < PostgresSnapshot.lockWaitThreshold ? .up : .degraded),
                "a brief wait is normal; a long one is not: \(sample.error ?? "")")

        var degraded = sample
        #expect(FaultSupport.waitUntil(seconds: 10) {
            degraded = checker.check()
            return degraded.status == .degraded
        }, "still \(degraded.status) after the waiter waited past \(PostgresSnapshot.lockWaitThreshold) s")
        #expect(degraded.error?.contains("waiting on locks") == true, "\(degraded.error ?? "")")
        let check = try FaultSupport.check(stack, json: true)
        #expect(check.code == 1, "\(check.stdout)\(check.stderr)")
        let metrics = FaultSupport.probe("postgres", in: check.stdout)?["metrics"] as? [String: Any]
        #expect((metrics?["waiting"] as? Int ?? 0) >= 1, "\(check.stdout)")
        #expect((metrics?["longest_query_seconds"] as? Double ?? 0) > 0, "\(check.stdout)")

        holder.stop()
        waiter.stop()
        terminateBackends(stack, tag: tag)
        let cleared = FaultSupport.waitUntil(seconds: 3) {
            guard case .postgres(let pg) = checker.check().metrics else { return false }
            return pg.waiting == 0 && pg.longestQuery?.application != tag
        }
        #expect(cleared, "the waiting session never cleared")
    }

    @Test("every connection slot taken: a fresh probe is down with PostgreSQL's reason, the dashboard's open one degraded near the limit, check exits 2; back up once released")
    func connectionsExhausted() throws {
        let stack = try FaultSupport.stack()
        let checker = try FaultSupport.checker(stack, "postgres")
        defer { checker.close() }
        #expect(checker.check().status == .up)

        let hog = """
            import os, sys, time, psycopg
            conns, error = [], ""
            for _ in range(200):
                try:
                    conns.append(psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), dbname="football_prediction_staging",
                                                 user="football_staging_user", password=os.environ["STAGING_DB_PASSWORD"],
                                                 connect_timeout=5, application_name="ft-hog"))
                except Exception as e:
                    error = str(e).strip().splitlines()[-1]
                    break
            print(f"opened {len(conns)}: {error}", flush=True)
            time.sleep(60)
            """
        let hogger = try BackgroundProcess([FaultSupport.python, "-c", hog, String(stack.postgresPort)],
                                           environment: stack.environment)
        defer { hogger.stop() }
        #expect(FaultSupport.waitUntil(seconds: 20) { hogger.output.contains("opened") }, "\(hogger.output)")
        #expect(hogger.output.contains("too many clients") || hogger.output.contains("slots are reserved"), "\(hogger.output)")

        let fresh = try FaultSupport.checker(stack, "postgres")
        let start = Date()
        let refused = fresh.check()
        let seconds = Date().timeIntervalSince(start)
        fresh.close()
        #expect(refused.status == .down)
        let reason = refused.error ?? ""
        #expect(reason.hasPrefix("connections exhausted (only superuser-reserved slots remain): ")
                || reason.hasPrefix("connections exhausted (max_connections reached): "), "\(reason)")
        #expect(reason.contains("too many clients") || reason.contains("connection slots are reserved"), "\(reason)")
        #expect(seconds < 2, "took \(seconds) s")
        #expect(!reason.contains(stack.password))

        let open = checker.check()
        #expect(open.status == .degraded, "\(open.status) \(open.error ?? "")")
        #expect(open.error?.hasPrefix("only superuser-reserved slots remain: ") == true, "\(open.error ?? "")")
        #expect(open.error?.hasSuffix("/97 usable (100 max)") == true, "\(open.error ?? "")")

        let check = try FaultSupport.check(stack)
        #expect(check.code == 2, "\(check.stdout)\(check.stderr)")
        let row = check.stdout.split(separator: "\n").first { $0.contains("postgres") && $0.contains("✖ down") } ?? ""
        #expect(row.contains("connections exhausted"), "\(check.stdout)")

        hogger.stop()
        #expect(FaultSupport.waitUntil(seconds: 5) { checker.check().status == .up }, "the open probe never came back up")
        let again = try FaultSupport.checker(stack, "postgres")
        defer { again.close() }
        #expect(FaultSupport.waitUntil(seconds: 5) { again.check().status == .up }, "a fresh probe never came back up")
    }
}
}
