/// What one postgres poll learned, in the spirit of pg_activity's header.
public struct PostgresSnapshot: Sendable, Equatable {
    public var serverVersion: String
    public var uptimeSeconds: Double
    public var maxConnections: Int
    /// All client backends, touchline's own included (it uses a slot too).
    public var connections: Int
    /// Client backends running a statement, touchline's own excluded.
    public var active: Int
    public var idle: Int
    public var idleInTransaction: Int
    public var idleInTransactionAborted: Int
    /// Backends waiting on a lock (`wait_event_type = 'Lock'`).
    public var waiting: Int
    /// The longest running statement (state `active`, or another non-idle state outside a transaction's idle
    /// time), measured from `query_start`.
    public var longestQuery: LongQuery?
    /// `superuser_reserved_connections`: slots only superusers may take.
    public var superuserReservedConnections = 0
    /// `reserved_connections` (PostgreSQL 16+; 0 before): slots only roles with `pg_use_reserved_connections` may take.
    public var reservedConnections = 0
    /// `pg_database.datconnlimit` of the probe's database (-1: no limit), its name and its client backends.
    public var databaseConnectionLimit = -1
    public var databaseName = ""
    public var databaseSessions = 0
    /// One role limit (`pg_roles.rolconnlimit`), among the probe's own role and every other role with a positive
    /// limit and sessions now (neither superusers nor roles without a limit): one near its limit (see
    /// ``ConnectionLimit/headroom``) first, then the one with the fewest free slots.
    public var roleLimit: ConnectionLimit?
    /// The longest lock wait and the session at the head of what blocks it (`pg_blocking_pids`); nil when none waits.
    public var lockWait: LockWait?
    /// The oldest open transaction (`xact_start`), in whatever state, touchline's own query excluded.
    public var oldestTransaction: PostgresSession?
    /// The oldest transaction left `idle in transaction` (aborted or not): it holds its locks and the xmin
    /// horizon, so vacuum cannot remove what it might still see.
    public var oldestIdleTransaction: PostgresSession?
    public var databaseSizeBytes: Int64
    /// blks_hit / (blks_hit + blks_read); nil before any block was read.
    public var cacheHitRatio: Double?
    /// Cumulative commits and rollbacks of the database, for rates.
    public var commits: Int64
    public var rollbacks: Int64
    /// Server clock when the numbers were read (epoch seconds), for rates.
    public var serverTime: Double
    /// Transactions per second since the previous poll; nil on the first.
    public var tps: Double?
    /// Share of those transactions that rolled back; nil when there were none.
    public var rollbackRatio: Double?

    /// The SQL of one poll: one round trip, one row, columns in the order ``init(row:)`` reads.
    ///
    /// Columns 20 and on (reserved slots, the database's and roles' limits, the lock wait, the oldest
    /// transactions) are optional for ``init(row:)``: a row of the first 20 parses with them unset.
    /// `reserved_connections` is read with `missing_ok` so PostgreSQL 15 and older answer NULL. pg_stat_activity
    /// is read once (a materialized CTE): the same sessions for every column, and about half the time of
    /// reading the view in each subquery (pgbench on PostgreSQL 15, shared machine: 4-8 ms against 9-18 ms;
    /// the 20-column query before it 3-7 ms).
    public static let query = """
        WITH a AS MATERIALIZED (
              SELECT pid, datname, usesysid, application_name, state, backend_type, wait_event_type,
                     xact_start, query_start, state_change, left(query, 200) AS query
              FROM pg_stat_activity)
        SELECT current_setting('server_version'),
               extract(epoch FROM now() - pg_postmaster_start_time()),
               current_setting('max_connections'),
               s.total, s.active, s.idle, s.idle_tx, s.idle_tx_aborted, s.waiting,
               l.seconds, l.pid, l.application_name, l.state, l.query,
               pg_database_size(current_database()),
               d.blks_hit, d.blks_read, d.xact_commit, d.xact_rollback,
               extract(epoch FROM clock_timestamp()),
               current_setting('superuser_reserved_connections'), current_setting('reserved_connections', true),
               db.datname, db.datconnlimit, s.db_sessions,
               r.rolname, r.rolconnlimit, r.sessions,
               k.waiter_pid, k.wait_seconds, k.waiter_query,
               k.pid, k.application_name, k.state, k.xact_seconds, k.state_seconds, k.query,
               o.pid, o.application_name, o.state, o.xact_seconds, o.state_seconds, o.query,
               i.pid, i.application_name, i.state, i.xact_seconds, i.state_seconds, i.query
        FROM (SELECT count(*) AS total,
                     count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()) AS active,
                     count(*) FILTER (WHERE state = 'idle') AS idle,
                     count(*) FILTER (WHERE state = 'idle in transaction') AS idle_tx,
                     count(*) FILTER (WHERE state = 'idle in transaction (aborted)') AS idle_tx_aborted,
                     count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
                     count(*) FILTER (WHERE datname = current_database()) AS db_sessions
              FROM a WHERE backend_type = 'client backend') s
        CROSS JOIN pg_stat_database d
        JOIN pg_database db ON db.datname = d.datname
        LEFT JOIN LATERAL (
              SELECT extract(epoch FROM now() - query_start) AS seconds, pid, application_name, state, query
              FROM a
              WHERE backend_type = 'client backend' AND state IS NOT NULL AND state <> 'idle'
                AND state NOT LIKE 'idle in transaction%' AND query_start IS NOT NULL AND pid <> pg_backend_pid()
              ORDER BY query_start LIMIT 1) l ON true
        LEFT JOIN LATERAL (
              SELECT r.rolname, r.rolconnlimit, count(a.pid) AS sessions
              FROM pg_roles r
              LEFT JOIN a ON a.usesysid = r.oid AND a.backend_type = 'client backend'
              WHERE r.rolconnlimit >= 0 AND NOT r.rolsuper AND r.rolcanlogin
              GROUP BY r.oid, r.rolname, r.rolconnlimit
              HAVING r.rolname = session_user OR (r.rolconnlimit > 0 AND count(a.pid) > 0)
              ORDER BY r.rolconnlimit - count(a.pid) <= least(3, r.rolconnlimit / 10) DESC,
                       r.rolconnlimit - count(a.pid), r.rolname LIMIT 1) r ON true
        LEFT JOIN LATERAL (
              SELECT w.pid AS waiter_pid, extract(epoch FROM now() - w.query_start) AS wait_seconds,
                     w.query AS waiter_query, bp.pid, b.application_name,
                     coalesce(b.state, b.backend_type) AS state,
                     extract(epoch FROM now() - b.xact_start) AS xact_seconds,
                     extract(epoch FROM now() - b.state_change) AS state_seconds, b.query
              FROM a w
              CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)
              LEFT JOIN a b ON b.pid = bp.pid
              WHERE w.wait_event_type = 'Lock' AND w.backend_type = 'client backend'
              ORDER BY coalesce(cardinality(pg_blocking_pids(b.pid)), 0) = 0 DESC, w.query_start, b.xact_start
              LIMIT 1) k ON true
        LEFT JOIN LATERAL (
              SELECT pid, application_name, state, extract(epoch FROM now() - xact_start) AS xact_seconds,
                     extract(epoch FROM now() - state_change) AS state_seconds, query
              FROM a
              WHERE backend_type = 'client backend' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
              ORDER BY xact_start LIMIT 1) o ON true
        LEFT JOIN LATERAL (
              SELECT pid, application_name, state, extract(epoch FROM now() - xact_start) AS xact_seconds,
                     extract(epoch FROM now() - state_change) AS state_seconds, query
              FROM a
              WHERE backend_type = 'client backend' AND state LIKE 'idle in transaction%'
                AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
              ORDER BY xact_start LIMIT 1) i ON true
        WHERE d.datname = current_database()
        """

    /// Parses the text columns of ``query``'s row; nil when the row has the wrong shape. The first 20
    /// columns are required; the later ones (see ``query``) are read when present.
    public init?(row: [String?]) {
        guard row.count == 20 || row.count == Self.columnCount,
              let version = row[0], let uptime = row[1].flatMap(Double.init), let maxConnections = row[2].flatMap(Int.init),
              let total = row[3].flatMap(Int.init), let active = row[4].flatMap(Int.init), let idle = row[5].flatMap(Int.init),
              let idleTx = row[6].flatMap(Int.init), let aborted = row[7].flatMap(Int.init), let waiting = row[8].flatMap(Int.init),
              let size = row[14].flatMap(Int64.init), let hits = row[15].flatMap(Int64.init), let reads = row[16].flatMap(Int64.init),
              let commits = row[17].flatMap(Int64.init), let rollbacks = row[18].flatMap(Int64.init),
              let serverTime = row[19].flatMap(Double.init)
        else { return nil }
        serverVersion = version
        uptimeSeconds = uptime
        self.maxConnections = maxConnections
        connections = total
        self.active = active
        self.idle = idle
        idleInTransaction = idleTx
        idleInTransactionAborted = aborted
        self.waiting = waiting
        if let seconds = row[9].flatMap(Double.init), let pid = row[10].flatMap(Int.init) {
            longestQuery = LongQuery(seconds: seconds, pid: pid, application: row[11] ?? "", state: row[12] ?? "",
                                     text: row[13] ?? "")
        }
        databaseSizeBytes = size
        cacheHitRatio = hits + reads > 0 ? Double(hits) / Double(hits + reads) : nil
        self.commits = commits
        self.rollbacks = rollbacks
        self.serverTime = serverTime
        guard row.count == Self.columnCount else { return }
        superuserReservedConnections = row[20].flatMap(Int.init) ?? 0
        reservedConnections = row[21].flatMap(Int.init) ?? 0
        databaseName = row[22] ?? ""
        databaseConnectionLimit = row[23].flatMap(Int.init) ?? -1
        databaseSessions = row[24].flatMap(Int.init) ?? 0
        if let name = row[25], let limit = row[26].flatMap(Int.init), let sessions = row[27].flatMap(Int.init) {
            roleLimit = ConnectionLimit(kind: .role, name: name, used: sessions, limit: limit, maxConnections: maxConnections)
        }
        if let waiter = row[28].flatMap(Int.init), let blocker = PostgresSession(row: row, from: 31) {
            lockWait = LockWait(waiterPid: waiter, waitSeconds: row[29].flatMap(Double.init) ?? 0, waiterText: row[30] ?? "",
                                blocker: blocker)
        }
        oldestTransaction = PostgresSession(row: row, from: 37)
        oldestIdleTransaction = PostgresSession(row: row, from: 43)
    }

    /// Columns in a full row of ``query``.
    public static let columnCount = 49

    /// Every limit that refuses an application role's new connections: the server-wide one
    /// (`max_connections` less the reserved slots), the database's when it has one, the tightest role's.
    public var connectionLimits: [ConnectionLimit] {
        let reserved = superuserReservedConnections + reservedConnections
        var limits = [ConnectionLimit(kind: reserved > 0 ? .reserved : .server, used: connections,
                                      limit: max(0, maxConnections - reserved), maxConnections: maxConnections)]
        if databaseConnectionLimit >= 0 {
            limits.append(ConnectionLimit(kind: .database, name: databaseName, used: databaseSessions,
                                          limit: databaseConnectionLimit, maxConnections: maxConnections))
        }
        if let roleLimit { limits.append(roleLimit) }
        return limits
    }

    /// The limit that binds first: the fewest free slots; on a tie, the narrower limit (role, then database).
    public var bindingLimit: ConnectionLimit {
        let limits = connectionLimits
        return limits.reversed().min { $0.free < $1.free } ?? limits[0]
    }

    /// Fills ``tps`` and ``rollbackRatio`` from the counters of the previous poll.
    public mutating func computeRates(since previous: PostgresSnapshot?) {
        guard let previous, serverTime > previous.serverTime, commits >= previous.commits,
              rollbacks >= previous.rollbacks else { return }
        let committed = commits - previous.commits
        let rolledBack = rollbacks - previous.rollbacks
        tps = Double(committed + rolledBack) / (serverTime - previous.serverTime)
        rollbackRatio = committed + rolledBack > 0 ? Double(rolledBack) / Double(committed + rolledBack) : nil
    }
}
