import CLibpq
import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineProbes

/// One libpq session with the coordination database: connecting and every statement bounded by the store's
/// `timeout` (`PQconnectStartParams`/`PQconnectPoll` and `PQsendQueryParams` with `poll()` on `PQsocket`; past
/// the deadline the statement is cancelled and the connection dropped), `LISTEN` notifications, and the
/// `application_name` that names who is on the other end (`touchline:alice@ops-1:staging`).
///
/// A `PGconn` is not thread-safe: every call takes the instance's lock, so the action's thread and a
/// watchdog never use it at once. Error texts have the store's passwords removed.
public final class CoordinationConnection: @unchecked Sendable {
    private let lock = ConditionVariable()
    private var connection: OpaquePointer?
    /// The deadline of one statement, in seconds.
    public let timeout: Double
    private let secrets: [String]

    private init(connection: OpaquePointer, timeout: Double, secrets: [String]) {
        self.connection = connection
        self.timeout = timeout
        self.secrets = secrets
        OwnBackends.add(PQbackendPID(connection))
    }

    deinit { close() }

    /// Connects to `config`'s database as `applicationName` within its timeout.
    public static func open(_ config: CoordinationConfig, applicationName: String,
                            processEnvironment: [String: String] = ProcessInfo.processInfo.environment) throws(CoordinationError) -> CoordinationConnection {
        let secrets = config.secretValues(in: processEnvironment)
        let deadline = Deadline(seconds: config.timeout)
        let defaults = GSSEncryptionDefault.keywords()   // before dbname: the DSN's own keywords win
        var keys = defaults.map(\.0) + ["dbname", "application_name", "connect_timeout"]
        var values = defaults.map(\.1) + [config.dsn, String(applicationName.prefix(63)), String(max(2, Int(clampingFinite: config.timeout.rounded(.up))))]
        if let password = config.password(in: processEnvironment) {
            keys.append("password")
            values.append(password)
        }
        let started: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in PQconnectStartParams(keyPointers, valuePointers, 1) }
        }
        guard let conn = started else { throw .unreachable("libpq could not allocate a connection") }
        func failure(_ fallback: String) -> CoordinationError {
            .unreachable(SecretRedactor.scrub(LibpqErrorText.connectionMessage(of: conn, fallback: fallback), secrets: secrets))
        }
        if PQstatus(conn) == CONNECTION_BAD {
            let error = failure("invalid connection string")
            PQfinish(conn)
            throw error
        }
        var state = PGRES_POLLING_WRITING
        while state != PGRES_POLLING_OK {
            guard state == PGRES_POLLING_READING || state == PGRES_POLLING_WRITING else {
                let error = failure("connection failed")
                PQfinish(conn)
                throw error
            }
            do throws(ProbeFailure) {
                try SocketWait.wait(PQsocket(conn), events: Int16(state == PGRES_POLLING_READING ? POLLIN : POLLOUT),
                                    deadline: deadline)
            } catch {
                PQfinish(conn)
                throw .unreachable("no connection within \(DurationText.format(config.timeout)) (\(error.message))")
            }
            state = PQconnectPoll(conn)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return CoordinationConnection(connection: conn, timeout: config.timeout, secrets: secrets)
    }

    /// Whether the session is still open and healthy (as libpq last saw it).
    public var isOpen: Bool { lock.withLock { connection.map { PQstatus($0) == CONNECTION_OK } ?? false } }

    /// The socket, for waiting on notifications; -1 when closed.
    public var socket: Int32 { lock.withLock { connection.map { PQsocket($0) } ?? -1 } }

    /// Runs `sql` with text parameters `$1…` (nil is SQL NULL) within the timeout and returns every row of
    /// the last result (cells as text, nil for NULL). Several statements are allowed when `parameters` is empty.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(CoordinationError) -> [[String?]] {
        lock.lock()
        defer { lock.unlock() }
        guard let conn = connection else { throw .unreachable("the connection is closed") }
        return try run(sql, parameters, on: conn)
    }

    /// Waits up to `milliseconds` for notifications (`LISTEN` first) and returns their payloads, oldest first.
    /// Throws when the connection is lost.
    public func notifications(waitingUpTo milliseconds: Int32) throws(CoordinationError) -> [String] {
        let fd = socket
        guard fd >= 0 else { throw .unreachable("the connection is closed") }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, milliseconds)
        lock.lock()
        defer { lock.unlock() }
        guard let conn = connection else { throw .unreachable("the connection is closed") }
        guard PQconsumeInput(conn) == 1, PQstatus(conn) == CONNECTION_OK else {
            let reason = message(conn, "connection lost")
            closeLocked()
            throw .unreachable(reason)
        }
        var payloads: [String] = []
        while let notice = PQnotifies(conn) {
            payloads.append(String(cString: notice.pointee.extra))
            PQfreemem(notice)
        }
        return payloads
    }

    /// Closes the session (the server then drops its advisory locks). Safe to call more than once.
    public func close() {
        lock.withLock { closeLocked() }
    }

    private func closeLocked() {
        if let connection {
            OwnBackends.remove(PQbackendPID(connection))
            PQfinish(connection)
        }
        connection = nil
    }

    private func message(_ conn: OpaquePointer, _ fallback: String) -> String {
        SecretRedactor.scrub(LibpqErrorText.message(of: conn, fallback: fallback), secrets: secrets)
    }

    private func run(_ sql: String, _ parameters: [String?], on conn: OpaquePointer) throws(CoordinationError) -> [[String?]] {
        let deadline = Deadline(seconds: timeout)
        let sent: Int32
        if parameters.isEmpty {
            sent = PQsendQuery(conn, sql)
        } else {
            let copies = parameters.map { $0.map { strdup($0) } ?? nil }
            defer { for copy in copies { free(copy) } }
            let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
            sent = PQsendQueryParams(conn, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else {
            let reason = message(conn, "cannot send the statement")
            closeLocked()
            throw .unreachable(reason)
        }
        do throws(ProbeFailure) {
            while PQflush(conn) == 1 { try SocketWait.wait(PQsocket(conn), events: Int16(POLLOUT), deadline: deadline) }
            while PQisBusy(conn) == 1 {
                try SocketWait.wait(PQsocket(conn), events: Int16(POLLIN), deadline: deadline)
                guard PQconsumeInput(conn) == 1 else { throw ProbeFailure(message(conn, "connection lost")) }
            }
        } catch {
            if let cancel = PQgetCancel(conn) {
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancel, &buffer, 256)
                PQfreeCancel(cancel)
            }
            closeLocked()
            throw .unreachable("no answer within \(DurationText.format(timeout)) (\(error.message))")
        }
        var rows: [[String?]] = []
        var failure: CoordinationError?
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK:
                rows = (0..<PQntuples(result)).map { row in
                    (0..<PQnfields(result)).map { column in
                        PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                    }
                }
            case PGRES_COMMAND_OK:
                rows = []
            default:
                let text = String(cString: PQresultErrorMessage(result)).trimmingWhitespace()
                failure = .failed(SecretRedactor.scrub(text.isEmpty ? "statement failed" : text, secrets: secrets))
            }
        }
        if PQstatus(conn) != CONNECTION_OK {
            let reason = message(conn, "connection lost")
            closeLocked()
            throw .unreachable(reason)
        }
        if let failure { throw failure }
        return rows
    }
}
