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
    public var longestQuery: LongQuery?
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
    public static let query = """
        SELECT current_setting('server_version'),
               extract(epoch FROM now() - pg_postmaster_start_time()),
               current_setting('max_connections'),
               s.total, s.active, s.idle, s.idle_tx, s.idle_tx_aborted, s.waiting,
               l.seconds, l.pid, l.application_name, l.state, l.query,
               pg_database_size(current_database()),
               d.blks_hit, d.blks_read, d.xact_commit, d.xact_rollback,
               extract(epoch FROM clock_timestamp())
        FROM (SELECT count(*) AS total,
                     count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()) AS active,
                     count(*) FILTER (WHERE state = 'idle') AS idle,
                     count(*) FILTER (WHERE state = 'idle in transaction') AS idle_tx,
                     count(*) FILTER (WHERE state = 'idle in transaction (aborted)') AS idle_tx_aborted,
                     count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
              FROM pg_stat_activity WHERE backend_type = 'client backend') s
        CROSS JOIN pg_stat_database d
        LEFT JOIN LATERAL (
              SELECT extract(epoch FROM now() - coalesce(query_start, xact_start)) AS seconds, pid,
                     application_name, state, left(query, 200) AS query
              FROM pg_stat_activity
              WHERE backend_type = 'client backend' AND state IS NOT NULL AND state <> 'idle'
                AND pid <> pg_backend_pid()
              ORDER BY coalesce(query_start, xact_start) LIMIT 1) l ON true
        WHERE d.datname = current_database()
        """

    /// Parses the text columns of ``query``'s row; nil when the row has the wrong shape.
    public init?(row: [String?]) {
        guard row.count == 20,
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
