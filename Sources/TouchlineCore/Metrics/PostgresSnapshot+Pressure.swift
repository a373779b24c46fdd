import Foundation

extension PostgresSnapshot {
    /// How many connections below `max_connections` count as near the limit.
    public static let connectionHeadroom = 3
    /// How long the longest statement must have run for sessions waiting on locks to count as trouble.
    public static let lockWaitThreshold = 5.0

    /// Why the database is degraded, or nil when it is not: connections within
    /// ``connectionHeadroom`` of `max_connections`, or sessions waiting on locks while a statement has
    /// run for ``lockWaitThreshold`` seconds or more (a lock held by a long transaction, the classic
    /// 3 a.m. pile-up; a brief wait behind a fast statement is normal and not flagged).
    public var pressure: String? {
        if maxConnections > 0, connections >= maxConnections - Self.connectionHeadroom {
            return "connections near the limit: \(connections)/\(maxConnections)"
        }
        if waiting > 0, let longest = longestQuery, longest.seconds >= Self.lockWaitThreshold {
            let sessions = waiting == 1 ? "1 session" : "\(waiting) sessions"
            return "\(sessions) waiting on locks; longest statement \(String(format: "%.1f", longest.seconds)) s (pid \(longest.pid))"
        }
        return nil
    }
}
