/// A session waiting on a lock and the session at the head of what blocks it, from `pg_blocking_pids`.
public struct LockWait: Sendable, Equatable {
    /// The waiting backend's pid.
    public var waiterPid: Int
    /// Seconds the waiter's statement has been waiting (since its `query_start`).
    public var waitSeconds: Double
    /// First 200 characters of the waiting statement.
    public var waiterText: String
    /// The blocker: among `pg_blocking_pids(waiter)`, one that itself waits on nobody (the head of the chain)
    /// when there is one.
    public var blocker: PostgresSession

    /// Creates a lock-wait record.
    public init(waiterPid: Int, waitSeconds: Double, waiterText: String, blocker: PostgresSession) {
        self.waiterPid = waiterPid
        self.waitSeconds = waitSeconds
        self.waiterText = waiterText
        self.blocker = blocker
    }

    /// `pid 1955 waits 8 s on pid 1892 (psql, active 10 s in transaction: LOCK TABLE matches)`.
    public var description: String {
        "pid \(waiterPid) waits \(PostgresSession.age(waitSeconds)) on pid \(blocker.pid) (\(blocker.summary))"
    }
}
