/// What a finished, verified backup produced.
public struct BackupReport: Sendable, Equatable {
    /// The manifest record of the new backup.
    public var record: BackupRecord
    /// Its absolute path.
    public var path: String
    /// The exact commands that ran, in order (dump, compress, decompress-verify, checksum).
    public var commands: [[String]]
    /// Backups retention deleted afterwards.
    public var expired: [BackupRecord]
    /// Problems that did not fail the backup (e.g. an unreadable manifest set aside, a file retention could not delete).
    public var warnings: [String]
    /// Seconds pg_dump and gzip ran.
    public var dumpSeconds: Double
    /// Seconds the verification (full decompression and SHA-256) took.
    public var verifySeconds: Double

    /// Creates a report.
    public init(record: BackupRecord, path: String, commands: [[String]], expired: [BackupRecord],
                warnings: [String], dumpSeconds: Double, verifySeconds: Double) {
        self.record = record
        self.path = path
        self.commands = commands
        self.expired = expired
        self.warnings = warnings
        self.dumpSeconds = dumpSeconds
        self.verifySeconds = verifySeconds
    }
}
