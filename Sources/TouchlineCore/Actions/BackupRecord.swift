import FoundationEssentials

/// One backup as the manifest lists it.
public struct BackupRecord: Codable, Sendable, Equatable {
    /// The file's name inside the backup directory, e.g. `football_prediction_staging_20250301_021407.sql.gz`.
    public var file: String
    /// When the dump's snapshot was taken.
    public var created: Date
    /// Bytes of the compressed file.
    public var size: Int64
    /// Hex SHA-256 of the compressed file.
    public var sha256: String
    /// The database dumped.
    public var database: String
    /// The server's `server_version`.
    public var serverVersion: String
    /// Exact `count(*)` of every user table (`schema.table`), taken in the dump's own snapshot.
    public var tableRows: [String: Int64]
    /// Whether the file passed verification (gzip integrity and the dump's completion trailer).
    public var verified: Bool
    /// Bytes of the uncompressed SQL, when known.
    public var dumpBytes: Int64?
    /// Seconds the backup took, dump and verification together, when known.
    public var durationSeconds: Double?
    /// Why it was taken (`origin`; nil in a manifest from before the field: shown as ``BackupOrigin/unknown``).
    public var origin: BackupOrigin?
    /// For a safety backup: the file whose restore it preceded (`restoring`).
    public var restoring: String?

    /// The origin to show: ``origin``, or ``BackupOrigin/unknown`` when the manifest has none.
    public var shownOrigin: BackupOrigin { origin ?? .unknown }

    /// Creates a record.
    public init(file: String, created: Date, size: Int64, sha256: String, database: String, serverVersion: String,
                tableRows: [String: Int64], verified: Bool, dumpBytes: Int64? = nil, durationSeconds: Double? = nil) {
        self.file = file
        self.created = created
        self.size = size
        self.sha256 = sha256
        self.database = database
        self.serverVersion = serverVersion
        self.tableRows = tableRows
        self.verified = verified
        self.dumpBytes = dumpBytes
        self.durationSeconds = durationSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case file, created, size, sha256, database, verified
        case serverVersion = "server_version"
        case tableRows = "table_rows"
        case dumpBytes = "dump_bytes"
        case durationSeconds = "duration_seconds"
        case origin, restoring
    }
}
