import FoundationEssentials

/// One row of `pg_stat_activity` as the Sessions view and `touchline sessions` show it, with the pids blocking it
/// (`pg_blocking_pids`). Field names follow the view's columns; durations are seconds measured by the server
/// (`now() - xact_start`, `now() - query_start`, `now() - state_change`) when the row was read.
public struct ActivitySession: Sendable, Equatable {
    /// Backend process id (`pid`).
    public var pid: Int
    /// `datname`; empty for background workers without a database.
    public var datname: String
    /// `usename`; empty for background workers.
    public var usename: String
    /// `application_name`; empty when the client set none.
    public var applicationName: String
    /// `client_addr` as `host()` gives it; nil for a Unix-socket client or a background worker.
    public var clientAddr: String?
    /// `state`: `active`, `idle`, `idle in transaction`, …; nil for background processes.
    public var state: String?
    /// `wait_event_type` (`Lock`, `LWLock`, `Client`, …) and `wait_event`; nil when not waiting.
    public var waitEventType: String?
    public var waitEvent: String?
    /// `backend_type`: `client backend`, `autovacuum worker`, `walwriter`, …
    public var backendType: String
    /// `xact_start` and `query_start` in UTC, ISO 8601 with milliseconds (`2026-11-30T04:12:03.120Z`); nil when unset.
    public var xactStart: String?
    public var queryStart: String?
    /// `backend_start` as epoch seconds with microseconds (`1764475200.123456`): with the pid, names this session and
    /// no later one reusing the pid.
    public var backendStart: String
    /// Seconds since `xact_start`, `query_start` and `state_change` (never negative); nil when unset.
    public var xactSeconds: Double?
    public var querySeconds: Double?
    public var stateSeconds: Double?
    /// `pg_blocking_pids(pid)`: the backends holding the lock it waits for (asked only of sessions waiting on a
    /// `Lock`, the only ones it can be non-empty for).
    public var blockedBy: [Int]
    /// `query`: the current statement (active) or the last one (idle), as long as `track_activity_query_size` keeps.
    public var query: String

    /// Creates a session row.
    public init(pid: Int, datname: String = "", usename: String = "", applicationName: String = "", clientAddr: String? = nil,
                state: String? = nil, waitEventType: String? = nil, waitEvent: String? = nil,
                backendType: String = ActivitySession.clientBackend, xactStart: String? = nil, queryStart: String? = nil,
                backendStart: String = "", xactSeconds: Double? = nil, querySeconds: Double? = nil, stateSeconds: Double? = nil,
                blockedBy: [Int] = [], query: String = "") {
        self.pid = pid
        self.datname = datname
        self.usename = usename
        self.applicationName = applicationName
        self.clientAddr = clientAddr
        self.state = state
        self.waitEventType = waitEventType
        self.waitEvent = waitEvent
        self.backendType = backendType
        self.xactStart = xactStart
        self.queryStart = queryStart
        self.backendStart = backendStart
        self.xactSeconds = xactSeconds
        self.querySeconds = querySeconds
        self.stateSeconds = stateSeconds
        self.blockedBy = blockedBy
        self.query = query
    }

    /// The `backend_type` of a client's session.
    public static let clientBackend = "client backend"
    /// The `application_name` prefix every touchline connection sets.
    public static let touchlinePrefix = "touchline"

    /// Reads one row of ``SessionsQuery/sql`` (its columns in order); nil when the row is short or the pid unreadable.
    public init?(row: [String?]) {
        guard row.count >= SessionsQuery.columnCount, let pid = row[0].flatMap({ Int($0) }) else { return nil }
        let seconds = { (index: Int) -> Double? in row[index].flatMap { Double($0) }.map { max(0, $0) } }
        let blocked = (row[15] ?? "").split(separator: ",").compactMap { Int($0) }
        let iso = { (index: Int) -> String? in
            row[index].flatMap { Double($0) }.map { ActionJSON.format(Date(timeIntervalSince1970: $0)) }
        }
        self.init(pid: pid, datname: row[1] ?? "", usename: row[2] ?? "", applicationName: row[3] ?? "", clientAddr: row[4],
                  state: row[5], waitEventType: row[6], waitEvent: row[7], backendType: row[8] ?? "", xactStart: iso(9),
                  queryStart: iso(10), backendStart: row[11] ?? "", xactSeconds: seconds(12), querySeconds: seconds(13),
                  stateSeconds: seconds(14), blockedBy: blocked, query: row[16] ?? "")
    }

    /// Whether it is a client's session (not autovacuum, a WAL sender, a parallel worker, …).
    public var isClientBackend: Bool { backendType == Self.clientBackend }

    /// Whether another touchline process opened it (its `application_name` starts with `touchline`).
    public var isTouchline: Bool { applicationName.hasPrefix(Self.touchlinePrefix) }

    /// Whether it runs something (`state` not `idle`; background processes, whose state is NULL, count as running).
    public var isRunning: Bool { state != "idle" }

    /// Whether it waits on a heavyweight lock or is blocked by another session (pg_activity's "waiting").
    public var isWaiting: Bool { waitEventType == "Lock" || !blockedBy.isEmpty }

    /// Whether it sits in an open transaction without running anything (`idle in transaction`, aborted or not).
    public var isIdleInTransaction: Bool { state?.hasPrefix("idle in transaction") == true }

    /// How long it has been doing what it does, for sorting and the duration column: the query's age while active,
    /// the transaction's while idle in one, the state's otherwise.
    public var duration: Double {
        if isIdleInTransaction { return xactSeconds ?? stateSeconds ?? 0 }
        if state == "active" { return querySeconds ?? 0 }
        return stateSeconds ?? querySeconds ?? 0
    }

    /// `type:event` (`Lock:transactionid`), or empty when it is not waiting.
    public var waitText: String {
        guard let type = waitEventType else { return "" }
        return waitEvent.map { "\(type):\($0)" } ?? type
    }

    /// The query's first non-empty line, trimmed.
    public var firstLine: String {
        query.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }
            .first { !$0.isEmpty }.map(String.init) ?? ""
    }

    /// The first 200 characters of the query, for the audit record.
    public var auditQuery: String { String(query.prefix(200)) }
}
