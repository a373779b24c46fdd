import TouchlineCore

/// The Database pane: the postgres probe's connections, sessions, longest query, throughput and server.
enum DatabasePane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        MetricsPane.draw(.database, probe: state.postgresProbe, kind: .postgres, state: state, in: rect, focused: focused,
                         into: &buffer) { metrics in
            guard case .postgres(let snapshot) = metrics else { return nil }
            return Self.lines(snapshot)
        }
    }

    /// The pane's lines for a snapshot, most important first: the connection limit that binds first, the
    /// sessions, who blocks whom, the oldest transaction left idle, the longest statement, then the rest.
    static func lines(_ pg: PostgresSnapshot) -> [MetricLine] {
        let limit = pg.bindingLimit
        let used = limit.limit > 0 ? min(1, Double(limit.used) / Double(limit.limit)) : 1
        let fill = limit.isNear && limit.free <= 0 ? .critical : Bar.fillRole(fraction: used, warnAt: 0.8, criticalAt: 0.95)
        var usage = [Span(limit.usage, fill == .barFill ? .text : fill)]
        if limit.kind == .server { usage.append(Span(" " + Format.percent(used, digits: 0), .dim)) }
        var lines: [MetricLine] = [
            .bar(label: "Connections", shortLabel: "conns", fraction: used, fillRole: fill, trailing: usage),
            .fields(label: "Sessions", [
                Field("\(pg.active)", .text, unit: "active"),
                Field("\(pg.idle)", .text, unit: "idle"),
                Field("\(pg.idleInTransaction)", pg.idleInTransaction > 0 ? .warn : .text, unit: "idle in tx")
                    .optional(when: pg.idleInTransaction == 0),
                Field("\(pg.idleInTransactionAborted)", pg.idleInTransactionAborted > 0 ? .warn : .text, unit: "aborted")
                    .optional(when: pg.idleInTransactionAborted == 0),
                Field("\(pg.waiting)", pg.waiting > 0 ? .critical : .text, unit: "waiting on locks")
                    .optional(when: pg.waiting == 0),
            ]),
        ]
        if let wait = pg.lockWait {
            lines += blockedLines(wait)
        }
        if let oldest = Self.oldestTransaction(pg), oldest.pid != pg.lockWait?.blocker.pid {
            let fields = sessionFields(oldest)
            lines.append(.fields(label: "Oldest tx", [fields[0], Field(label: "pid", "\(oldest.pid)", .text)] + fields.dropFirst(),
                                 shortLabel: "oldest tx"))
        }
        if let query = pg.longestQuery {
            let role = StatusStyle.role(value: query.seconds, warn: 1, critical: 3)
            var fields = [Field([Span(Format.duration(query.seconds), role)])]
            if !query.state.isEmpty && query.state != "active" { fields.append(Field([Span(shortState(query.state), .warn)])) }
            fields.append(Field(label: "pid", "\(query.pid)", .text))
            if !query.application.isEmpty { fields.append(Field([Span(query.application, .text)])) }
            lines.append(.fields(label: "Longest", fields, shortLabel: "longest", wraps: false))
            lines.append(.text(label: "", [Span(TextFit.singleLine(query.text), .text)]))
        } else {
            lines.append(.text(label: "Longest", [Span("no query running", .dim)]))
        }
        var activity = [Field(pg.tps.map(Format.rate) ?? "—", pg.tps == nil ? .dim : .text, unit: "tps")]
        if let hit = pg.cacheHitRatio {
            activity.append(Field(label: "cache hit", Format.percent(hit), hit < 0.9 ? .warn : .text))
        }
        if let ratio = pg.rollbackRatio {
            activity.append(Field(label: "rollback", Format.percent(ratio), ratio > 0.05 ? .warn : .text))
        }
        lines.append(.fields(label: "Activity", activity, wraps: false))
        lines.append(.fields(label: "Server", [
            Field(label: "size", ByteText.format(pg.databaseSizeBytes), .text),
            Field(label: "PostgreSQL", pg.serverVersion, .text),
            Field(label: "up", Format.uptime(pg.uptimeSeconds), .text),
        ], wraps: false))
        return lines
    }

    /// The lock wait: who waits how long, on whom, and what that session is doing (state and transaction age
    /// before its application, wrapped rather than left out), then the blocker's statement.
    private static func blockedLines(_ wait: LockWait) -> [MetricLine] {
        let waits = Field([Span("pid \(wait.waiterPid)", .text), Span(" waits ", .label),
                           Span(Format.duration(wait.waitSeconds), .critical)])
        let holder = Field([Span("held by ", .label), Span("pid \(wait.blocker.pid)", .text)])
        var lines: [MetricLine] = [
            .fields(label: "Lock wait", [waits, holder] + sessionFields(wait.blocker), shortLabel: "lock wait"),
        ]
        if !wait.blocker.text.isEmpty {
            lines.append(.text(label: "", [Span(TextFit.singleLine(wait.blocker.text), .text)]))
        }
        return lines
    }

    /// The transaction worth a line of its own: the oldest left idle in transaction, otherwise the oldest open
    /// one once it has been open a minute (a long transaction holds its locks and the vacuum horizon too).
    private static func oldestTransaction(_ pg: PostgresSnapshot) -> PostgresSession? {
        if let idle = pg.oldestIdleTransaction { return idle }
        guard let oldest = pg.oldestTransaction, (oldest.transactionSeconds ?? 0) >= 60 else { return nil }
        return oldest
    }

    /// What a session is doing, most important first: its state with how long its transaction has been open,
    /// then its application.
    private static func sessionFields(_ session: PostgresSession) -> [Field] {
        var state = [Span(session.state.isEmpty ? "state hidden" : shortState(session.state),
                          session.state == "active" ? .text : .warn)]
        if let age = session.transactionSeconds {
            state.append(Span(" " + Format.duration(age), StatusStyle.role(value: age, warn: 5, critical: 60)))
        }
        var fields = [Field(state)]
        if !session.application.isEmpty { fields.append(Field([Span(session.application, .text)])) }
        return fields
    }

    /// pg_stat_activity's state in a few columns: `idle in tx`, `aborted tx`, the rest as written.
    static func shortState(_ state: String) -> String {
        switch state {
        case "idle in transaction": return "idle in tx"
        case "idle in transaction (aborted)": return "aborted tx"
        case "fastpath function call": return "fastpath"
        default: return state
        }
    }
}
