import CLibpq
import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Finds out, from a side connection, whether an action's own database sessions wait on a lock and which
/// session holds it: `pg_blocking_pids` of the backends whose `application_name` matches, and the state of
/// the blocker at the head of the chain (as the postgres probe reports it).
///
/// Used from the one thread that runs the action. Connects lazily on the first ``poll(elapsed:)`` that is due;
/// a failed connection or query is retried no sooner than 10 s later, and never fails the action.
final class LockWaitWatch {
    /// The lock wait of the oldest waiting backend whose application_name is LIKE `$1`, and its blocker.
    static let query = """
        SELECT w.pid, extract(epoch FROM now() - w.query_start), left(w.query, 200),
               bp.pid, b.application_name, coalesce(b.state, b.backend_type),
               extract(epoch FROM now() - b.xact_start), extract(epoch FROM now() - b.state_change), left(b.query, 200)
        FROM pg_stat_activity w
        CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)
        LEFT JOIN pg_stat_activity b ON b.pid = bp.pid
        WHERE w.application_name LIKE $1 AND w.wait_event_type = 'Lock'
        ORDER BY coalesce(cardinality(pg_blocking_pids(b.pid)), 0) = 0 DESC, w.query_start, b.xact_start
        LIMIT 1
        """

    private let dsn: String
    private let password: String?
    private let applicationPattern: String
    private var connection: OpaquePointer?
    private var nextPoll = 1.0
    private var latest: LockWait?

    /// Watches the backends of `dsn`'s server whose application_name is LIKE `applicationPattern`
    /// (e.g. `touchline-restore-1f2e3d4c`, `touchline-backup%`).
    init(dsn: String, password: String?, applicationPattern: String) {
        self.dsn = dsn
        self.password = password
        self.applicationPattern = applicationPattern
    }

    deinit { close() }

    /// The lock wait found by the latest poll, or nil when nothing waited (or the side connection failed).
    /// Polls when one is due (first after 1 s, then every second); otherwise returns the last answer.
    func poll(elapsed: Double) -> LockWait? {
        guard elapsed >= nextPoll else { return latest }
        nextPoll = elapsed + 1
        latest = lookUp(elapsed: elapsed)
        return latest
    }

    private func lookUp(elapsed: Double) -> LockWait? {
        guard let connection = connection ?? connect() else {
            nextPoll = elapsed + 10
            return nil
        }
        self.connection = connection
        let rows = withCStrings([applicationPattern]) { values in
            PQexecParams(connection, Self.query, 1, nil, values, nil, nil, 0)
        }
        guard let result = rows else { return nil }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else {
            if PQstatus(connection) != CONNECTION_OK { close() }
            nextPoll = elapsed + 10
            return nil
        }
        guard PQntuples(result) > 0 else { return nil }
        let row: [String?] = (0..<PQnfields(result)).map { column in
            PQgetisnull(result, 0, column) == 1 ? nil : String(cString: PQgetvalue(result, 0, column))
        }
        guard let waiter = row[0].flatMap(Int.init), let blocker = PostgresSession(row: row, from: 3) else { return nil }
        return LockWait(waiterPid: waiter, waitSeconds: row[1].flatMap(Double.init) ?? 0, waiterText: row[2] ?? "",
                        blocker: blocker)
    }

    /// Ends, server-side, the backends whose application_name is exactly `application` (other than this
    /// connection and touchline's own): `pg_terminate_backend` each, then waits (at most `seconds`) until they
    /// are gone from `pg_stat_activity`. A client killed while its backend waits on a lock leaves that backend
    /// waiting — holding the locks its transaction took — until it next talks to the client; terminating it
    /// rolls the transaction back now. Returns the pids ended and those still there after `seconds`; nil when
    /// the side connection or the query failed.
    func endBackends(named application: String, seconds: Double = 3) -> (ended: [Int], remaining: [Int])? {
        guard let connection = connection ?? connect() else { return nil }
        self.connection = connection
        let own = "{" + OwnBackends.current.map(String.init).joined(separator: ",") + "}"
        let found = rows(connection, """
            SELECT pid FROM pg_stat_activity
            WHERE application_name = $1 AND pid <> pg_backend_pid() AND NOT pid = ANY($2::int[])
            """, [application, own])
        guard let found else { return nil }
        let candidates = found.compactMap { $0.first.flatMap(Int.init) }
        guard !candidates.isEmpty else { return ([], []) }
        let list = "{" + candidates.map(String.init).joined(separator: ",") + "}"
        let signalled = rows(connection, "SELECT p FROM unnest($1::int[]) AS p WHERE pg_terminate_backend(p)", [list])
        guard let signalled else { return nil }
        let pids = signalled.compactMap { $0.first.flatMap(Int.init) }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
        var remaining = pids
        while true {
            let left = rows(connection, "SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])", [list])
            remaining = left?.compactMap { $0.first.flatMap(Int.init) } ?? remaining
            if remaining.isEmpty || ContinuousClock.now >= deadline { break }
            BlockingSleep.seconds(0.05)
        }
        return (pids, remaining)
    }

    /// The rows of `sql` with `parameters` as text; nil when it failed.
    private func rows(_ connection: OpaquePointer, _ sql: String, _ parameters: [String]) -> [[String]]? {
        let made = withCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result = made else { return nil }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else { return nil }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in String(cString: PQgetvalue(result, row, column)) }
        }
    }

    /// `waiting for a lock held by pid 1626 (idletx, idle in transaction 1m 40s)`.
    static func sentence(_ wait: LockWait) -> String {
        "waiting for a lock held by pid \(wait.blocker.pid) (\(wait.blocker.summary))"
    }

    /// Ends the side connection.
    func close() {
        if let connection {
            OwnBackends.remove(PQbackendPID(connection))
            PQfinish(connection)
        }
        connection = nil
    }

    private func connect() -> OpaquePointer? {
        let defaults = GSSEncryptionDefault.keywords()   // before dbname: the DSN's own keywords win
        var keys = defaults.map(\.0) + ["dbname", "application_name", "connect_timeout", "options"]
        var values = defaults.map(\.1) + [dsn, "touchline-lock-watch", "2", "-c statement_timeout=2000"]
        if let password {
            keys.append("password")
            values.append(password)
        }
        let made: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in PQconnectdbParams(keyPointers, valuePointers, 1) }
        }
        guard let made else { return nil }
        guard PQstatus(made) == CONNECTION_OK else {
            PQfinish(made)
            return nil
        }
        PQsetNoticeProcessor(made, { _, _ in }, nil)
        OwnBackends.add(PQbackendPID(made))
        return made
    }
}
