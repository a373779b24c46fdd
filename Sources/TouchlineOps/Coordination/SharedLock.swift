import FoundationEssentials
import Glibc
import TouchlineCore

/// The environment's lock shared by every operator: a session-level advisory lock keyed by the environment
/// (`pg_try_advisory_lock(hashtext('touchline'), hashtext(ENV))`) on a connection dedicated to the running
/// action, plus a `touchline.holders` row saying who holds it, for others to read.
///
/// The server releases the advisory lock when the session ends, however it ends (a `kill -9` of touchline
/// drops the socket): a dead holder never blocks anyone, and its row, left behind, is replaced by the next
/// taker (``tookOverFrom``). A live holder's lock cannot be taken by anyone else: there is no break.
public final class SharedLock: Sendable {
    /// The session holding the lock (the running action's audit records go through it too).
    public let connection: CoordinationConnection
    /// The environment locked.
    public let environment: String
    /// The row of a holder whose session had died, replaced when this lock was taken.
    public let tookOverFrom: SharedHolder?

    private init(connection: CoordinationConnection, environment: String, tookOverFrom: SharedHolder?) {
        self.connection = connection
        self.environment = environment
        self.tookOverFrom = tookOverFrom
    }

    /// The key's SQL: two 32-bit halves, touchline's and the environment's.
    static let key = "hashtext('touchline'), hashtext($1)"

    /// Takes the shared lock of `store`'s environment for `action` on `target`, without waiting. Throws
    /// ``ActionLockError/sharedHeld(_:environment:)`` naming the holder, or, when the store cannot be reached
    /// and `require` is set, ``ActionLockError/storeUnreachable(environment:reason:)``; returns nil when it
    /// cannot be reached and `require` is off (the action runs on the local lock; `unreachable` gets why).
    public static func acquire(_ store: CoordinationStore, action: String, target: String?,
                               unreachable: (String) -> Void = { _ in }) throws(ActionLockError) -> SharedLock? {
        let environment = store.environment.name
        let connection: CoordinationConnection
        do {
            connection = try store.connect(.action)
        } catch {
            if case .schemaTooNew = error { throw .unavailable(error.description) }
            guard !store.config.require else { throw .storeUnreachable(environment: environment, reason: error.description) }
            unreachable(error.description)
            return nil
        }
        do {
            let taken = try connection.query("SELECT pg_try_advisory_lock(\(key))", [environment])
            guard taken.first?.first == "t" else {
                let holder = try current(environment: environment, on: connection, retries: 10)
                connection.close()
                throw ActionLockError.sharedHeld(holder, environment: environment)
            }
            let stale = try connection.query("""
                DELETE FROM touchline.holders WHERE environment = $1
                RETURNING username, host, pid, action, target, extract(epoch FROM clock_timestamp() - since)::float8
                """, [environment]).first.flatMap { holder(environment: environment, row: $0) }
            // A holder that vanishes without closing its socket (power lost, a laptop suspended) is noticed by the
            // server's TCP keepalives on this session: about a minute instead of the system's two hours.
            _ = try? connection.query("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3")
            let identity = store.identity
            try connection.query("""
                INSERT INTO touchline.holders (environment, who, username, host, pid, backend_pid, action, target)
                VALUES ($1, $2, $3, $4, $5::integer, pg_backend_pid(), $6, $7)
                """, [environment, identity.who, identity.user, identity.host, String(identity.pid), action, target])
            return SharedLock(connection: connection, environment: environment, tookOverFrom: stale)
        } catch let error as ActionLockError {
            throw error
        } catch let error as CoordinationError {
            connection.close()
            guard !store.config.require else { throw .storeUnreachable(environment: environment, reason: error.description) }
            unreachable(error.description)
            return nil
        } catch {
            connection.close()
            throw .unavailable("\(error)")
        }
    }

    /// Removes the holders row and ends the session (which releases the advisory lock). Safe to call twice.
    public func release() {
        guard connection.isOpen else { return }
        _ = try? connection.query("DELETE FROM touchline.holders WHERE environment = $1 AND backend_pid = pg_backend_pid()",
                                  [environment])
        _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.key))", [environment])
        connection.close()
    }

    /// The live holder of `environment`'s lock: its row, only when the session that wrote it still holds an
    /// advisory lock (a row left by a dead session is not a holder). Retried briefly (`retries` × 20 ms) while
    /// the lock is held but its row not yet written.
    public static func current(environment: String, on connection: CoordinationConnection,
                               retries: Int = 0) throws(CoordinationError) -> SharedHolder? {
        for attempt in 0...retries {
            let rows = try connection.query("""
                SELECT h.username, h.host, h.pid, h.action, h.target, extract(epoch FROM clock_timestamp() - h.since)::float8
                FROM touchline.holders h
                WHERE h.environment = $1 AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
                                                      AND l.pid = h.backend_pid)
                """, [environment])
            if let row = rows.first, let holder = holder(environment: environment, row: row) { return holder }
            if attempt < retries { usleep(20_000) }
        }
        return nil
    }

    private static func holder(environment: String, row: [String?]) -> SharedHolder? {
        guard row.count == 6, let user = row[0], let host = row[1], let pid = row[2].flatMap(Int32.init), let action = row[3] else {
            return nil
        }
        return SharedHolder(environment: environment, user: user, host: host, pid: pid, action: action, target: row[4],
                            ageSeconds: row[5].flatMap(Double.init) ?? 0)
    }
}
