import FoundationEssentials

extension PostgresSnapshot {
    /// How many free connection slots count as near a limit (fewer for limits under 30, see
    /// ``ConnectionLimit/headroom``).
    public static let connectionHeadroom = 3
    /// How long a session must have waited on a lock for the wait to count as trouble, in seconds.
    public static let lockWaitThreshold = 5.0
    /// The default of a postgres probe's `idle_in_transaction_warn`, in seconds.
    public static let defaultIdleInTransactionWarn = 60.0

    /// Why the database is degraded, or nil when it is not, with the default `idle_in_transaction_warn`.
    public var pressure: String? { pressure(idleInTransactionWarn: Self.defaultIdleInTransactionWarn) }

    /// Why the database is degraded, or nil when it is not, first rule first:
    /// - a limit that refuses the application's connections (``connectionLimits``) has no more than its
    ///   headroom free: `only superuser-reserved slots remain: 97/97 usable (100 max)`;
    /// - a session has waited on a lock for ``lockWaitThreshold`` seconds or more: the waiter and the session at
    ///   the head of what blocks it are named (a brief wait behind a fast statement is normal and not flagged);
    /// - a transaction has been open `idle in transaction` for `idleInTransactionWarn` seconds or more: it
    ///   holds its locks and keeps vacuum from removing dead rows.
    public func pressure(idleInTransactionWarn: Double) -> String? {
        if let limit = connectionLimits.filter(\.isNear).reversed().min(by: { $0.free < $1.free }) {
            return limit.pressure(reservedConnections: reservedConnections)
        }
        if let wait = lockWait, wait.waitSeconds >= Self.lockWaitThreshold {
            let count = max(waiting, 1)
            let sessions = count == 1 ? "1 session" : "\(count) sessions"
            return "\(sessions) waiting on locks: \(wait.description)"
        }
        if let idle = oldestIdleTransaction, let age = idle.transactionSeconds, age >= idleInTransactionWarn {
            let application = idle.application.isEmpty ? "" : " (\(idle.application))"
            return "\(idle.state): pid \(idle.pid)\(application), transaction open \(PostgresSession.age(age)), "
                + "idle \(PostgresSession.age(idle.stateSeconds ?? age)); it holds its locks and blocks vacuum"
        }
        return nil
    }
}
