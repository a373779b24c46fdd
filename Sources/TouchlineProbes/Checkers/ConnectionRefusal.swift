/// Names the limit behind PostgreSQL's refusal of a new connection, from the server's own message.
///
/// The messages (PostgreSQL 9.6 to 17): `sorry, too many clients already` (`max_connections`);
/// `remaining connection slots are reserved for non-replication superuser connections` (15 and older) or
/// `… reserved for roles with the SUPERUSER attribute` (16+) (`superuser_reserved_connections`);
/// `… reserved for roles with privileges of the "pg_use_reserved_connections" role` (16+, `reserved_connections`);
/// `too many connections for database "x"` (`datconnlimit`); `too many connections for role "x"` (`rolconnlimit`).
enum ConnectionRefusal {
    /// `message` with the limit that refused it put first, e.g.
    /// `connections exhausted (role "app" connection limit reached): FATAL: too many connections for role "app"`;
    /// `message` unchanged when it is no refusal for lack of slots.
    static func explained(_ message: String) -> String {
        guard let cause = cause(of: message) else { return message }
        return "connections exhausted (\(cause)): " + message
    }

    /// The limit a refusal names, or nil when `message` is not one.
    static func cause(of message: String) -> String? {
        if message.contains("too many clients already") { return "max_connections reached" }
        if message.contains("pg_use_reserved_connections") { return "only reserved_connections slots remain" }
        if message.contains("remaining connection slots are reserved") { return "only superuser-reserved slots remain" }
        for kind in ["database", "role", "user"] {
            guard let range = message.firstRange(of: "too many connections for \(kind) ") else { continue }
            var name = message[range.upperBound...].prefix { $0 != "\n" && $0 != ";" }
            // The quoted name only: the reason-first form goes on with ` (127.0.0.1 port 5432)`.
            if name.hasPrefix("\""), let close = name.dropFirst().firstIndex(of: "\"") { name = name[...close] }
            return "\(kind == "user" ? "role" : kind) \(name) connection limit reached"
        }
        return nil
    }
}
