import Foundation
import Testing
@testable import TouchlineCore

/// The sessions lists (pure): reading a row, the three modes, the blocking tree, JSON names.
@Suite("Sessions list")
struct SessionsListTests {
    private func session(_ pid: Int, state: String? = "active", seconds: Double = 1, blockedBy: [Int] = [],
                         type: String = ActivitySession.clientBackend, app: String = "app") -> ActivitySession {
        ActivitySession(pid: pid, usename: "u", applicationName: app, state: state, waitEventType: blockedBy.isEmpty ? nil : "Lock",
                        waitEvent: blockedBy.isEmpty ? nil : "transactionid", backendType: type, xactSeconds: seconds,
                        querySeconds: seconds, stateSeconds: seconds, blockedBy: blockedBy, query: "SELECT \(pid)")
    }

    @Test("a row of the statement, NULLs and the blocking pids")
    func row() throws {
        let row: [String?] = ["412", "db", "alice", "psql", nil, "active", "Lock", "transactionid", "client backend",
                              "1764475200", "1764475201.5", "1764471600.000001",
                              "12.5", "11.5", "-0.001", "77,78", "UPDATE t\n SET a = 1"]
        let parsed = try #require(ActivitySession(row: row))
        #expect(parsed.pid == 412 && parsed.clientAddr == nil && parsed.blockedBy == [77, 78])
        #expect(parsed.stateSeconds == 0, "negative ages clamp to 0")
        #expect(parsed.waitText == "Lock:transactionid" && parsed.firstLine == "UPDATE t")
        #expect(parsed.duration == 11.5)
        #expect(parsed.xactStart == "2025-11-30T04:00:00.000Z" && parsed.queryStart == "2025-11-30T04:00:01.500Z")
        #expect(parsed.backendStart == "1764471600.000001")
        #expect(ActivitySession(row: Array(row.prefix(5))) == nil)
        #expect(SessionsQuery.pidArray([9, 3]) == "{3,9}")
    }

    @Test("running leaves idle and background workers out, longest first; min duration")
    func running() {
        let list = SessionsList(sessions: [session(1, seconds: 2), session(2, state: "idle", seconds: 50), session(3, seconds: 9),
                                           session(4, state: nil, seconds: 99, type: "autovacuum worker"),
                                           session(5, state: "idle in transaction", seconds: 70)])
        #expect(list.rows(.running).map(\.session.pid) == [5, 3, 1])
        #expect(list.rows(.running, workers: true).map(\.session.pid) == [4, 5, 3, 1])
        #expect(list.rows(.running, minDuration: 5).map(\.session.pid) == [5, 3])
        #expect(list.counts.idle == 1 && list.counts.active == 2 && list.counts.idleInTransaction == 1)
    }

    @Test("A blocks B, B blocks C, A blocks D: one chain, A blocking 3, depth-first and indented")
    func blockingTree() {
        let list = SessionsList(sessions: [session(10, state: "idle in transaction", seconds: 30), session(11, seconds: 20, blockedBy: [10]),
                                           session(12, seconds: 5, blockedBy: [11]), session(13, seconds: 10, blockedBy: [10]),
                                           session(14, seconds: 60), session(20, seconds: 3), session(21, seconds: 1, blockedBy: [20, 10])])
        let rows = list.rows(.blocking)
        #expect(rows.map(\.session.pid) == [10, 11, 12, 13, 21, 20], "\(rows.map(\.session.pid))")
        #expect(rows.map(\.depth) == [0, 1, 2, 1, 1, 0])
        #expect(rows.first?.blocking == 4 && rows[1].blocking == 1)
        #expect(list.rows(.waiting).map(\.session.pid) == [11, 13, 12, 21])
    }

    @Test("a deadlock cycle still shows, each session once")
    func cycle() {
        let list = SessionsList(sessions: [session(1, blockedBy: [2]), session(2, seconds: 2, blockedBy: [1])])
        #expect(list.rows(.blocking).map(\.session.pid) == [2, 1])
    }

    @Test("JSON uses pg_stat_activity's names; another touchline's session is marked")
    func json() throws {
        let object = SessionsJSON.object(SessionRow(session: session(7, blockedBy: [3], app: "touchline-backup"), depth: 1))
        guard case .object(let fields) = object else { throw CancellationError() }
        for key in ["pid", "usename", "application_name", "client_addr", "state", "wait_event_type", "wait_event", "xact_start",
                    "query_start", "query", "blocked_by"] {
            #expect(fields[key] != nil, "\(key)")
        }
        #expect(fields["blocked_by"] == .array([.integer(3)]) && fields["touchline"] == .bool(true) && fields["client_addr"] == .null)
    }
}
