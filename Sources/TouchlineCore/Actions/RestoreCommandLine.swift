/// The argv of a restore's pipeline: decompress the backup file, apply it with psql in one transaction.
public enum RestoreCommandLine {
    /// `gunzip -c -- FILE`.
    public static func decompress(_ path: String) -> [String] { ["gunzip", "-c", "--", path] }

    /// psql applying a plain SQL dump all-or-nothing: one transaction, stopping at the first error; `dsn` is the
    /// backup's ``BackupConfig/dsn`` (no password: psql reads it from `PGPASSWORD`).
    public static func apply(dsn: String) -> [String] {
        ["psql", "--dbname=\(dsn)", "--single-transaction", "-v", "ON_ERROR_STOP=1", "-X", "-q", "--no-password"]
    }

    /// The restore pipeline of `path`: ``decompress(_:)`` piped into ``apply(dsn:)``.
    public static func pipeline(_ path: String, dsn: String) -> [[String]] { [decompress(path), apply(dsn: dsn)] }
}
