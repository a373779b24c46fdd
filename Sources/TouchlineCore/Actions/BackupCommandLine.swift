import Foundation

/// The exact command lines a backup runs, built from its configuration (no shell is involved).
public enum BackupCommandLine {
    /// `pg_dump` of the database at `dsn`, plain SQL that drops and recreates what it dumps, reading the
    /// snapshot `snapshot` when given. `--no-password` stops pg_dump from ever prompting on the terminal:
    /// the password comes from `PGPASSWORD` in its environment.
    public static func dump(dsn: String, snapshot: String?) -> [String] {
        var argv = ["pg_dump", "--dbname=\(dsn)", "--no-password", "--format=plain", "--clean", "--if-exists"]
        if let snapshot { argv.append("--snapshot=\(snapshot)") }
        return argv
    }

    /// gzip reading the dump on its standard input and writing the compressed stream to its standard output.
    public static let compress = ["gzip", "-c"]

    /// Decompresses `file` to standard output: gzip checks the CRC and length of every member while doing so.
    public static func decompress(_ file: String) -> [String] { ["gzip", "-dc", "--", file] }

    /// Prints the SHA-256 of `file`.
    public static func checksum(_ file: String) -> [String] { ["sha256sum", "--", file] }

    /// What will run, before it runs (for confirmation dialogs and the audit start record): the snapshot id and
    /// the file's time stamp are not known yet and appear as `<snapshot>` and `<YYYYmmdd_HHMMSS>`.
    public static func preview(_ config: BackupConfig) -> [[String]] {
        [dump(dsn: config.dsn, snapshot: "<snapshot>"), compress]
    }

    /// One line for people: `pg_dump ... | gzip -c > DIR/<database>_<YYYYmmdd_HHMMSS>.sql.gz`, arguments
    /// with spaces or quotes single-quoted.
    public static func display(_ commands: [[String]], output: String) -> String {
        commands.map { $0.map(quoted).joined(separator: " ") }.joined(separator: " | ") + " > " + quoted(output)
    }

    /// Where the preview writes: `DIR/<database>_<YYYYmmdd_HHMMSS>.sql.gz`.
    public static func previewOutput(_ config: BackupConfig) -> String {
        config.directory + "/<database>_<YYYYmmdd_HHMMSS>" + BackupFileName.suffix
    }

    private static func quoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_=./:,@%+".contains($0)) }
        if plain && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
