import FoundationEssentials

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

    /// The program that compresses a dump and decompresses it again to verify it. `pigz` writes the same gzip
    /// format (any gzip reads it) using every core, and decompresses with reading, writing and the CRC check
    /// on threads of their own; backups use it when it is installed, gzip otherwise.
    public enum Compressor: String, Sendable, Equatable, CaseIterable {
        case gzip, pigz

        /// Reads the dump on standard input and writes the compressed stream to standard output (level 6).
        public var compress: [String] { [rawValue, "-c"] }

        /// Decompresses `file` to standard output, checking the CRC and length of every gzip member.
        public func decompress(_ file: String) -> [String] { [rawValue, "-dc", "--", file] }

        /// Decompresses standard input to standard output, checking the CRC and length of every gzip member.
        public var decompressStream: [String] { [rawValue, "-dc"] }

        /// `pigz` when one of the folders of `searchPath` (a `PATH` value) holds an executable `pigz`, else `gzip`.
        public static func preferred(searchPath: String?, isExecutable: (String) -> Bool) -> Compressor {
            let folders = (searchPath ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
            return folders.contains { isExecutable($0 + "/pigz") } ? .pigz : .gzip
        }
    }

    /// gzip reading the dump on its standard input and writing the compressed stream to its standard output.
    public static let compress = Compressor.gzip.compress

    /// Decompresses `file` to standard output: gzip checks the CRC and length of every member while doing so.
    public static func decompress(_ file: String) -> [String] { Compressor.gzip.decompress(file) }

    /// What will run, before it runs (for confirmation dialogs and the audit start record): the snapshot id and
    /// the file's time stamp are not known yet and appear as `<snapshot>` and `<YYYYmmdd_HHMMSS>`.
    public static func preview(_ config: BackupConfig, compressor: Compressor = .gzip) -> [[String]] {
        [dump(dsn: config.dsn, snapshot: "<snapshot>"), compressor.compress]
    }

    /// One line for people: `pg_dump ... | gzip -c > DIR/<database>_<YYYYmmdd_HHMMSS>.sql.gz`, arguments
    /// with spaces or quotes single-quoted.
    public static func display(_ commands: [[String]], output: String) -> String {
        ShellQuote.pipeline(commands) + " > " + ShellQuote.quote(output)
    }

    /// Where the preview writes: `DIR/<database>_<YYYYmmdd_HHMMSS>.sql.gz`.
    public static func previewOutput(_ config: BackupConfig) -> String {
        config.directory + "/<database>_<YYYYmmdd_HHMMSS>" + BackupFileName.suffix
    }
}
