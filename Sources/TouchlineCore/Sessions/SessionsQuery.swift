/// The one statement the Sessions view, `touchline sessions` and the incident snapshot read `pg_stat_activity`
/// with, in the spirit of pg_activity's queries (its own backend left out, durations from `now()`), with the
/// blocking pids from `pg_blocking_pids` instead of joining `pg_locks` to itself: it also sees chains.
///
/// `pg_blocking_pids` takes the lock manager's partition locks, so it is only called for sessions whose
/// `wait_event_type` is `Lock` (the only ones it can return pids for): 500 idle sessions cost nothing extra.
/// `$1` is the array of touchline's own backend pids (`{}` for none), which are left out. Timestamps come as epoch
/// seconds (`extract(epoch …)`, exact to the microsecond) and are formatted by touchline: `to_char` on three
/// columns of 500 rows cost about a fifth of the statement's server time.
public enum SessionsQuery {
    /// The statement; its columns are read by ``ActivitySession/init(row:)`` in this order.
    public static let sql = """
        SELECT a.pid, a.datname, a.usename, a.application_name, host(a.client_addr), a.state,
               a.wait_event_type, a.wait_event, a.backend_type,
               extract(epoch FROM a.xact_start), extract(epoch FROM a.query_start), extract(epoch FROM a.backend_start),
               extract(epoch FROM now() - a.xact_start), extract(epoch FROM now() - a.query_start),
               extract(epoch FROM now() - a.state_change),
               CASE WHEN a.wait_event_type = 'Lock'
                    THEN array_to_string(pg_catalog.pg_blocking_pids(a.pid), ',') ELSE '' END,
               a.query
        FROM pg_catalog.pg_stat_activity a
        WHERE a.pid <> pg_catalog.pg_backend_pid() AND a.pid <> ALL ($1::int[])
        """

    /// How many columns ``sql`` returns.
    public static let columnCount = 17

    /// `$1` for `pids`: a PostgreSQL array literal such as `{412,977}`.
    public static func pidArray(_ pids: [Int]) -> String {
        "{" + pids.sorted().map(String.init).joined(separator: ",") + "}"
    }

    /// The statement that looks up one backend before it is signalled: `$1` its pid. Columns: backend_type,
    /// backend_start (as in ``sql``), usename, application_name, client address, state, query, and whether it
    /// is the asking connection's own backend.
    public static let lookupSQL = """
        SELECT a.backend_type, extract(epoch FROM a.backend_start),
               a.usename, a.application_name, host(a.client_addr), a.state, a.query,
               a.pid = pg_catalog.pg_backend_pid(),
               extract(epoch FROM a.query_start)
        FROM pg_catalog.pg_stat_activity a WHERE a.pid = $1::int
        """
}
