import CLibpq
import FoundationEssentials
import Glibc
import TouchlineCore

/// One libpq connection for the Sessions view and the cancel/terminate runner: connects and runs parameterised
/// statements under a ``Deadline`` (`PQconnectStartParams`/`PQconnectPoll`, `PQsendQueryParams` and `poll()`),
/// names itself `touchline-sessions` (or as asked) and is recorded in ``OwnBackends`` while open.
///
/// Used from one thread (libpq connections are not thread-safe).
public final class ActivityConnection {
    private var connection: OpaquePointer?
    /// This connection's backend pid (`PQbackendPID`).
    public let backendPID: Int32

    private init(connection: OpaquePointer) {
        self.connection = connection
        backendPID = PQbackendPID(connection)
        OwnBackends.add(backendPID)
    }

    deinit { close() }

    /// Connects to `dsn` with `password` (given to libpq directly, never on a command line) as `application`.
    /// Fails with libpq's reason (passwords scrubbed) or the deadline's timeout.
    public static func open(dsn: String, password: String?, application: String = "touchline-sessions",
                            deadline: Deadline) throws(ProbeFailure) -> ActivityConnection {
        let defaults = GSSEncryptionDefault.keywords()   // before dbname: the DSN's own keywords win
        var keys = defaults.map(\.0) + ["dbname", "application_name"]
        var values = defaults.map(\.1) + [dsn, application]
        if let password {
            keys.append("password")
            values.append(password)
        }
        let started: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in PQconnectStartParams(keyPointers, valuePointers, 1) }
        }
        guard let conn = started else { throw ProbeFailure("libpq could not allocate a connection") }
        if PQstatus(conn) == CONNECTION_BAD {
            defer { PQfinish(conn) }
            throw ProbeFailure(LibpqErrorText.connectionMessage(of: conn, fallback: "invalid connection string"))
        }
        var state = PGRES_POLLING_WRITING
        while true {
            do throws(ProbeFailure) {
                switch state {
                case PGRES_POLLING_READING: try SocketWait.wait(PQsocket(conn), events: Int16(POLLIN), deadline: deadline)
                case PGRES_POLLING_WRITING: try SocketWait.wait(PQsocket(conn), events: Int16(POLLOUT), deadline: deadline)
                case PGRES_POLLING_OK:
                    PQsetNoticeProcessor(conn, { _, _ in }, nil)
                    return ActivityConnection(connection: conn)
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

    /// Runs `sql` with text `parameters` ($1, $2, …) and returns every row, NULL as nil. Past the deadline the
    /// statement is cancelled and the connection closed. Fails with the server's primary message (and detail).
    public func rows(_ sql: String, _ parameters: [String] = [], deadline: Deadline) throws(ProbeFailure) -> [[String?]] {
        guard let conn = connection else { throw ProbeFailure("connection closed") }
        let sent: Int32 = withCStrings(parameters) { pointers in
            PQsendQueryParams(conn, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw ProbeFailure(LibpqErrorText.message(of: conn, fallback: "cannot send query"), connectionLost: true) }
        do throws(ProbeFailure) {
            while PQflush(conn) == 1 { try SocketWait.wait(PQsocket(conn), events: Int16(POLLOUT), deadline: deadline) }
            while PQisBusy(conn) == 1 {
                try SocketWait.wait(PQsocket(conn), events: Int16(POLLIN), deadline: deadline)
                guard PQconsumeInput(conn) == 1 else {
                    throw ProbeFailure(LibpqErrorText.message(of: conn, fallback: "connection lost"), connectionLost: true)
                }
            }
        } catch {
            if let cancel = PQgetCancel(conn) {
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancel, &buffer, 256)
                PQfreeCancel(cancel)
            }
            close()
            throw error
        }
        var rows: [[String?]] = []
        var failure: ProbeFailure?
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_TUPLES_OK {
                let columns = PQnfields(result)
                for row in 0..<PQntuples(result) {
                    rows.append((0..<columns).map { column in
                        PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                    })
                }
            } else if status != PGRES_COMMAND_OK {
                failure = ProbeFailure(LibpqErrorText.serverMessage(of: result), connectionLost: PQstatus(conn) != CONNECTION_OK)
            }
        }
        if let failure { throw failure }
        return rows
    }

    /// Closes the connection (idempotent).
    public func close() {
        guard let connection else { return }
        OwnBackends.remove(backendPID)
        PQfinish(connection)
        self.connection = nil
    }
}
