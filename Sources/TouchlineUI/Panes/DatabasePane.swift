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

    /// The pane's lines for a snapshot, most important first.
    static func lines(_ pg: PostgresSnapshot) -> [MetricLine] {
        let used = pg.maxConnections > 0 ? Double(pg.connections) / Double(pg.maxConnections) : 0
        let fill = Bar.fillRole(fraction: used, warnAt: 0.8, criticalAt: 0.95)
        var lines: [MetricLine] = [
            .bar(label: "Connections", shortLabel: "conns", fraction: used, fillRole: fill,
                 trailing: [Span("\(pg.connections)/\(pg.maxConnections)", fill == .barFill ? .text : fill),
                            Span(" " + Format.percent(used, digits: 0), .dim)]),
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
        if let query = pg.longestQuery {
            let role = StatusStyle.role(value: query.seconds, warn: 1, critical: 3)
            var fields = [Field([Span(Format.duration(query.seconds), role)]),
                          Field(label: "pid", "\(query.pid)", .text)]
            if !query.application.isEmpty { fields.append(Field([Span(query.application, .text)])) }
            if !query.state.isEmpty && query.state != "active" { fields.append(Field([Span(query.state, .warn)])) }
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
}
