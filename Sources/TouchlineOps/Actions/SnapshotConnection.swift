import CLibpq
import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// A libpq connection holding a read-only REPEATABLE READ transaction whose snapshot is exported, so
/// that `pg_dump --snapshot` dumps exactly the data the row counts taken here see.
///
/// Used from one thread (libpq connections are not thread-safe), except ``cancelQuery()``, which any
/// thread may call to stop a running statement.
final class SnapshotConnection: @unchecked Sendable {
    /// What the transaction's first statement learns.
    struct Facts: Sendable {
        /// The exported snapshot id for `pg_dump --snapshot`.
        var snapshot: String
        /// `current_database()`.
        var database: String
        /// `server_version`.
        var serverVersion: String
    }

    /// User tables whose data pg_dump dumps: ordinary and partitioned tables outside the system schemas,
    /// not partitions (their rows count in their parent) and not tables belonging to an extension.
    static let tablesQuery = """
        SELECT n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname)
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                          WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY 1
        """

    private let connection: OpaquePointer
    private let cancelLock = ConditionVariable()
    private var cancelHandle: OpaquePointer?
    private var isOpen = true

    private init(connection: OpaquePointer) {
        self.connection = connection
        cancelHandle = PQgetCancel(connection)
        OwnBackends.add(PQbackendPID(connection))
    }

    deinit { close() }

    /// Connects to `dsn` with `password` (passed to libpq directly, never through a command line).
    static func open(dsn: String, password: String?, connectTimeout: Int = 10) throws(ActionFailure) -> SnapshotConnection {
        let defaults = GSSEncryptionDefault.keywords()   // before dbname: the DSN's own keywords win
        var keys = defaults.map(\.0) + ["dbname", "application_name", "connect_timeout"]
        var values = defaults.map(\.1) + [dsn, "touchline-backup-counts", String(connectTimeout)]
        if let password {
            keys.append("password")
            values.append(password)
        }
        let made: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in PQconnectdbParams(keyPointers, valuePointers, 1) }
        }
        guard let conn = made else { throw ActionFailure("libpq could not allocate a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = LibpqErrorText.connectionFailure(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw ActionFailure(scrubbed(message, dsn: dsn, password: password))
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return SnapshotConnection(connection: conn)
    }

    /// Opens the transaction and exports its snapshot.
    func begin() throws(ActionFailure) -> Facts {
        _ = try execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        let rows = try execute("SELECT pg_catalog.pg_export_snapshot(), pg_catalog.current_database(), "
                               + "pg_catalog.current_setting('server_version')")
        guard let row = rows.first, row.count == 3 else { throw ActionFailure("unexpected answer when exporting the snapshot") }
        return Facts(snapshot: row[0], database: row[1], serverVersion: row[2])
    }

    /// Exact `count(*)` of every user table, keyed `schema.table`, in the transaction's snapshot. Fails with
    /// `listing the tables: REASON` or `counting rows of SCHEMA.TABLE: REASON` (the server's primary message).
    func countRows() throws(ActionFailure) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        let tables: [[String]]
        do throws(ActionFailure) {
            tables = try execute(Self.tablesQuery)
        } catch {
            throw ActionFailure("listing the tables: \(error.message)")
        }
        for table in tables where table.count == 2 {
            let rows: [[String]]
            do throws(ActionFailure) {
                rows = try execute("SELECT count(*) FROM \(table[1])")
            } catch {
                throw ActionFailure("counting rows of \(table[0]): \(error.message)")
            }
            guard let text = rows.first?.first, let count = Int64(text) else {
                throw ActionFailure("counting rows of \(table[0]): unexpected answer")
            }
            counts[table[0]] = count
        }
        return counts
    }

    /// `pg_database_size` of the current database and the server's `server_version_num` (e.g. 150008).
    func sizeAndVersion() throws(ActionFailure) -> (bytes: Int64, versionNumber: Int) {
        let rows = try execute("SELECT pg_catalog.pg_database_size(pg_catalog.current_database()), "
                               + "pg_catalog.current_setting('server_version_num')")
        guard let row = rows.first, row.count == 2, let bytes = Int64(row[0]), let version = Int(row[1]) else {
            throw ActionFailure("unexpected answer asking the database's size and the server's version")
        }
        return (bytes, version)
    }

    /// Asks the server to stop the running statement; safe from any thread, also after ``close()``.
    func cancelQuery() {
        cancelLock.withLock {
            guard let cancelHandle else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle, &buffer, 256)
        }
    }

    /// Ends the transaction and the connection.
    func close() {
        let (wasOpen, handle): (Bool, OpaquePointer?) = cancelLock.withLock {
            defer {
                isOpen = false
                cancelHandle = nil
            }
            return (isOpen, cancelHandle)
        }
        guard wasOpen else { return }
        if let handle { PQfreeCancel(handle) }
        OwnBackends.remove(PQbackendPID(connection))
        PQfinish(connection)
    }

    /// Runs `sql`, returning its rows as text (NULL as an empty string).
    private func execute(_ sql: String) throws(ActionFailure) -> [[String]] {
        guard let result = PQexec(connection, sql) else {
            throw ActionFailure(LibpqErrorText.message(of: connection, fallback: "query failed"))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw ActionFailure(SecretRedactor.redactDSN(LibpqErrorText.serverMessage(of: result)))
        }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in String(cString: PQgetvalue(result, row, column)) }
        }
    }

    /// `text` with the passwords of `dsn` (as libpq parses it) and `password` replaced by `***`.
    private static func scrubbed(_ text: String, dsn: String, password: String?) -> String {
        let inline = (try? ConnectionString(parsing: dsn).secrets) ?? []
        return SecretRedactor.scrub(SecretRedactor.redactDSN(text), secrets: inline + [password].compactMap { $0 })
    }
}
