/// The sessions of one PostgreSQL server as read once (``SessionsQuery``), and the three lists made of them.
public struct SessionsList: Sendable, Equatable {
    /// Every backend read, touchline's own left out, in the server's order.
    public var sessions: [ActivitySession]

    /// Creates the list of `sessions`.
    public init(sessions: [ActivitySession]) {
        self.sessions = sessions
    }

    /// The rows of `mode`, longest first: client backends only unless `workers`, and only those running for at
    /// least `minDuration` seconds (in the blocking list: chain heads). A blocking chain's head that is a
    /// background worker (an autovacuum holding a lock) is shown even without `workers`.
    public func rows(_ mode: SessionsMode, workers: Bool = false, minDuration: Double = 0) -> [SessionRow] {
        let shown = { (session: ActivitySession) in (workers || session.isClientBackend) && session.duration >= minDuration }
        switch mode {
        case .running:
            return sorted(sessions.filter { $0.isRunning && shown($0) }).map { SessionRow(session: $0) }
        case .waiting:
            return sorted(sessions.filter { $0.isWaiting && shown($0) }).map { SessionRow(session: $0) }
        case .blocking:
            return blockingTree().filter { $0.depth > 0 || $0.session.duration >= minDuration }
                .reduce(into: [SessionRow]()) { rows, row in
                    // A chain whose head was filtered out loses its rows too.
                    if row.depth == 0 || !rows.isEmpty { rows.append(row) }
                }
        }
    }

    /// Every chain: each session blocking others but blocked by none that is listed (the heads, longest first),
    /// then depth-first the sessions waiting behind it, indented by depth, each counted once.
    public func blockingTree() -> [SessionRow] {
        let byPid = Dictionary(sessions.map { ($0.pid, $0) }) { first, _ in first }
        var waiters: [Int: [ActivitySession]] = [:]
        for session in sessions {
            for blocker in Set(session.blockedBy) where byPid[blocker] != nil {
                waiters[blocker, default: []].append(session)
            }
        }
        let heads = sorted(sessions.filter { waiters[$0.pid] != nil && !$0.blockedBy.contains { byPid[$0] != nil } })
        var visited = Set<Int>()
        var rows: [SessionRow] = []
        func visit(_ session: ActivitySession, depth: Int) {
            guard visited.insert(session.pid).inserted else { return }
            let index = rows.count
            rows.append(SessionRow(session: session, depth: depth))
            for waiter in sorted(waiters[session.pid] ?? []) { visit(waiter, depth: depth + 1) }
            rows[index].blocking = rows.count - index - 1
        }
        for head in heads { visit(head, depth: 0) }
        // Sessions blocking each other in a cycle (a deadlock before the detector breaks it) have no head.
        for session in sorted(sessions) where waiters[session.pid] != nil && !visited.contains(session.pid) {
            visit(session, depth: 0)
        }
        return rows
    }

    /// How many client sessions are in each state, for the view's title: active, idle, idle in transaction, waiting.
    public var counts: SessionCounts {
        let clients = sessions.filter(\.isClientBackend)
        return SessionCounts(active: clients.filter { $0.state == "active" }.count, idle: clients.filter { $0.state == "idle" }.count,
                             idleInTransaction: clients.filter(\.isIdleInTransaction).count, waiting: clients.filter(\.isWaiting).count)
    }

    private func sorted(_ list: [ActivitySession]) -> [ActivitySession] {
        list.sorted { $0.duration != $1.duration ? $0.duration > $1.duration : $0.pid < $1.pid }
    }
}
