/// One limit at which PostgreSQL refuses an application's new connections, with the sessions it counts.
///
/// A role without the SUPERUSER attribute (and, from PostgreSQL 16, without `pg_use_reserved_connections`)
/// is refused when the client backends reach `max_connections - superuser_reserved_connections -
/// reserved_connections`, when the sessions on its database reach `pg_database.datconnlimit`, or when its
/// own sessions reach `pg_roles.rolconnlimit`. Superusers are bound by none of these but `max_connections`.
public struct ConnectionLimit: Sendable, Equatable {
    /// Which limit this is.
    public enum Kind: String, Sendable, Equatable {
        /// `max_connections`, with no slots reserved.
        case server
        /// `max_connections` less the slots reserved for superusers (and `reserved_connections`).
        case reserved
        /// `pg_database.datconnlimit` of the database.
        case database
        /// `pg_roles.rolconnlimit` of a role.
        case role
    }

    /// Which limit this is.
    public var kind: Kind
    /// The database or role the limit belongs to; nil for the server-wide ones.
    public var name: String?
    /// Sessions the limit counts now (client backends of the server, the database or the role).
    public var used: Int
    /// Sessions an application role may open before it is refused.
    public var limit: Int
    /// The server's `max_connections`, for context.
    public var maxConnections: Int

    /// Creates a limit record.
    public init(kind: Kind, name: String? = nil, used: Int, limit: Int, maxConnections: Int) {
        self.kind = kind
        self.name = name
        self.used = used
        self.limit = limit
        self.maxConnections = maxConnections
    }

    /// Connections left before the next one is refused (negative when superusers hold reserved slots).
    public var free: Int { limit - used }

    /// The number of free slots at or below which the limit counts as near: 3, or a tenth of a limit
    /// under 30 (rounded down), so a limit of 5 is near only when full.
    public var headroom: Int { min(PostgresSnapshot.connectionHeadroom, limit / 10) }

    /// Whether the next connections are about to be refused: no more than ``headroom`` slots are free.
    public var isNear: Bool { free <= headroom }

    /// Usage against the limit: `90/97 usable (100 max)`, `91/100`, `5/5 database "app"`, `3/3 role "api"`.
    public var usage: String {
        switch kind {
        case .server: return "\(used)/\(limit)"
        case .reserved: return "\(used)/\(limit) usable (\(maxConnections) max)"
        case .database: return "\(used)/\(limit) database \"\(name ?? "")\""
        case .role: return "\(used)/\(limit) role \"\(name ?? "")\""
        }
    }

    /// Why the limit is a problem, for a degraded status: full (`only superuser-reserved slots remain: …`)
    /// or within its headroom (`connections near the limit: …`).
    public func pressure(reservedConnections: Int) -> String {
        guard free <= 0 else { return "connections near the limit: \(usage)" }
        switch kind {
        case .server: return "connections at max_connections: \(usage)"
        case .reserved:
            let which = reservedConnections > 0 ? "reserved" : "superuser-reserved"
            return "only \(which) slots remain: \(usage)"
        case .database: return "database \"\(name ?? "")\" at its connection limit: \(usage)"
        case .role: return "role \"\(name ?? "")\" at its connection limit: \(usage)"
        }
    }
}
