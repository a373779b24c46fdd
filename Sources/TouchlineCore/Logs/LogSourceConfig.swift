/// Where one service's log comes from: `[environments.NAME.logs.SERVICE]` with `command` or `file`.
public struct LogSourceConfig: Sendable, Equatable {
    /// How the log is read.
    public enum Source: Sendable, Equatable {
        /// An argv run without a shell (e.g. `["journalctl", "-fu", "api"]`); its standard output and
        /// standard error are the log.
        case command([String])
        /// An absolute path, followed across rotation and truncation like `tail -F`.
        case file(String)
    }

    /// The service (the table's name; a Services row of that name opens it with `l`).
    public var service: String
    /// The command or the file.
    public var source: Source
    /// The folder a command runs in (the config file's folder).
    public var workingDirectory: String

    /// Creates a log source.
    public init(service: String, source: Source, workingDirectory: String) {
        self.service = service
        self.source = source
        self.workingDirectory = workingDirectory
    }

    /// One line for the view's header: `$ scripts/stack logs --follow api` or `file /var/log/api.log`.
    public var description: String {
        switch source {
        case .command(let argv): return "$ " + ShellQuote.line(argv)
        case .file(let path): return "file " + path
        }
    }
}
