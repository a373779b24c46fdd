import CLibpq
import FoundationEssentials
import Glibc
import TouchlineCore

/// Checks PostgreSQL with libpq: one round trip per poll that reads what pg_activity shows.
///
/// Connecting uses `PQconnectStartParams`/`PQconnectPoll` and querying `PQsendQuery` with `poll()`,
/// so both honour the probe's deadline (libpq's own `connect_timeout` has a 2 s floor).
public final class PostgresChecker: ProbeChecker {
    public let config: ProbeConfig
    private let dsn: String
    private let password: String?
    private var connection: OpaquePointer?
    private var previous: PostgresSnapshot?

    /// Creates a checker for the libpq connection string `dsn`, with an optional password.
    public init(config: ProbeConfig, dsn: String, password: String?) {
        self.config = config
        self.dsn = dsn
        self.password = password
    }

    deinit { close() }

    public func close() {
        if let connection {
            OwnBackends.remove(PQbackendPID(connection))
            PQfinish(connection)
        }
        connection = nil
    }

    public func check() -> ProbeSample {
        CheckOutcome.measure(config) { deadline throws(ProbeFailure) in
            try ReconnectOnce.poll(reused: connection != nil && PQstatus(connection) == CONNECTION_OK, deadline: deadline, close: close) { reused throws(ProbeFailure) in
                try poll(deadline: deadline, reused: reused)
            }
        }
    }

    private func poll(deadline: Deadline, reused: Bool) throws(ProbeFailure) -> CheckOutcome {
        if !reused {
            close()
            connection = try connect(deadline: deadline)
            OwnBackends.add(PQbackendPID(connection))
        }
        guard let connection else { throw ProbeFailure("no connection") }
        let start = ContinuousClock.now
        let row = try query(PostgresSnapshot.query, on: connection, deadline: deadline)
        let roundTrip = start.duration(to: .now).seconds
        guard var snapshot = PostgresSnapshot(row: row) else {
            throw ProbeFailure("unexpected answer to the statistics query")
        }
        snapshot.computeRates(since: previous)
        previous = snapshot
        var outcome = CheckOutcome(version: nil, includesSetup: !reused, metrics: .postgres(snapshot))
        outcome.latency = reused ? roundTrip : nil
        if let pressure = snapshot.pressure(idleInTransactionWarn: config.idleInTransactionWarn) {
            outcome.status = .degraded
            outcome.error = pressure
        }
        return outcome
    }

    private func connect(deadline: Deadline) throws(ProbeFailure) -> OpaquePointer {
        let defaults = GSSEncryptionDefault.keywords()   // before dbname: the DSN's own keywords win
        var keys = defaults.map(\.0) + ["dbname", "application_name"]
        var values = defaults.map(\.1) + [dsn, "touchline"]
        if let password {
            keys.append("password")
            values.append(password)
        }
        let started: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                PQconnectStartParams(keyPointers, valuePointers, 1)
            }
        }
        guard let conn = started else { throw ProbeFailure("libpq could not allocate a connection") }
        if PQstatus(conn) == CONNECTION_BAD {
            defer { PQfinish(conn) }
            throw ProbeFailure(LibpqErrorText.connectionMessage(of: conn, fallback: "invalid connection string"))
        }
        var state = PGRES_POLLING_WRITING
        while true {
            let fd = PQsocket(conn)
            do throws(ProbeFailure) {
                switch state {
                case PGRES_POLLING_READING: try SocketWait.wait(fd, events: Int16(POLLIN), deadline: deadline)
                case PGRES_POLLING_WRITING: try SocketWait.wait(fd, events: Int16(POLLOUT), deadline: deadline)
                case PGRES_POLLING_OK:
                    PQsetNoticeProcessor(conn, { _, _ in }, nil)
                    return conn
                default:
                    throw ProbeFailure(ConnectionRefusal.explained(LibpqErrorText.connectionMessage(of: conn, fallback: "connection failed")))
                }
            } catch {
                PQfinish(conn)
                throw error
            }
            state = PQconnectPoll(conn)
        }
    }

    private func query(_ sql: String, on conn: OpaquePointer, deadline: Deadline) throws(ProbeFailure) -> [String?] {
        guard PQsendQuery(conn, sql) == 1 else {
            throw ProbeFailure(LibpqErrorText.message(of: conn, fallback: "cannot send query"), connectionLost: true)
        }
        do throws(ProbeFailure) {
            while PQflush(conn) == 1 {
                try SocketWait.wait(PQsocket(conn), events: Int16(POLLOUT), deadline: deadline)
            }
            while PQisBusy(conn) == 1 {
                try SocketWait.wait(PQsocket(conn), events: Int16(POLLIN), deadline: deadline)
                guard PQconsumeInput(conn) == 1 else {
                    throw ProbeFailure(LibpqErrorText.message(of: conn, fallback: "connection lost"), connectionLost: true)
                }
            }
        } catch {
            abandon(conn)
            throw error
        }
        var row: [String?]?
        var failure: ProbeFailure?
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_TUPLES_OK, PQntuples(result) > 0, row == nil {
                row = (0..<PQnfields(result)).map { column in
                    PQgetisnull(result, 0, column) == 1 ? nil : String(cString: PQgetvalue(result, 0, column))
                }
            } else if PQresultStatus(result) != PGRES_TUPLES_OK {
                let text = String(cString: PQresultErrorMessage(result)).trimmingWhitespace()
                failure = ProbeFailure(text.isEmpty ? "query failed" : text, connectionLost: PQstatus(conn) != CONNECTION_OK)
            }
        }
        if let failure { throw failure }
        guard let row else { throw ProbeFailure("the statistics query returned no row") }
        return row
    }

    /// Gives up on a query past its deadline: asks the server to cancel it (on a thread of its own,
    /// since `PQcancel` blocks) and drops the connection, so the next poll starts clean.
    private func abandon(_ conn: OpaquePointer) {
        if let cancel = PQgetCancel(conn) {
            let handle = CancelHandle(cancel)
            WorkerThread.start(name: "touchline-pgcancel", stackSize: 256 * 1024) {
                var buffer = [CChar](repeating: 0, count: 256)
                PQcancel(handle.pointer, &buffer, 256)
                PQfreeCancel(handle.pointer)
            }
        }
        close()
    }
}

/// A `PGcancel` handed to the thread that sends the cancel request.
private struct CancelHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
