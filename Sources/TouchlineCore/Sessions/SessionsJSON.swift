/// Sessions as JSON, in `pg_stat_activity`'s own names: each session an object with `pid`, `datname`,
/// `usename`, `application_name`, `client_addr`, `state`, `wait_event_type`, `wait_event`, `backend_type`,
/// `xact_start`, `query_start` (UTC, ISO 8601), `query`, `blocked_by` (a list of pids), and touchline's
/// figures: `duration_seconds`, `touchline` (another touchline's session), `depth` and `blocking` (the blocking tree).
public enum SessionsJSON {
    /// The object of one row.
    public static func object(_ row: SessionRow) -> JSONValue {
        let session = row.session
        return .object([
            "pid": .integer(Int64(session.pid)), "datname": .string(session.datname), "usename": .string(session.usename),
            "application_name": .string(session.applicationName), "client_addr": .string(session.clientAddr),
            "state": .string(session.state), "wait_event_type": .string(session.waitEventType),
            "wait_event": .string(session.waitEvent), "backend_type": .string(session.backendType),
            "xact_start": .string(session.xactStart), "query_start": .string(session.queryStart),
            "query": .string(session.query), "blocked_by": .array(session.blockedBy.map { .integer(Int64($0)) }),
            "duration_seconds": .number(session.duration), "touchline": .bool(session.isTouchline),
            "depth": .integer(Int64(row.depth)), "blocking": .integer(Int64(row.blocking)),
        ])
    }

    /// The document of `touchline sessions --json`: `environment`, `probe`, `query_seconds` (the statement's round
    /// trip), `mode` (`running`, `waiting`, `blocking`, or `all`), `sessions` (the rows, in the
    /// order shown: for `blocking` each chain's head then the sessions behind it).
    public static func document(environment: String, probe: String, mode: SessionsMode?, rows: [SessionRow],
                                querySeconds: Double? = nil) -> JSONValue {
        .object(["environment": .string(environment), "probe": .string(probe), "mode": .string(mode?.rawValue ?? "all"),
                 "sessions": .array(rows.map(object)), "query_seconds": .number(querySeconds)])
    }
}
