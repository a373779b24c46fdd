/// An environment's `[environments.NAME.backup]` table, resolved against its probes and the config file.
public struct BackupConfig: Sendable, Equatable {
    /// Days a backup is kept when `keep_days` is not given.
    public static let defaultKeepDays = 7
    /// Seconds a backup may run when `timeout` is not given (one hour).
    public static let defaultTimeout: Double = 3600

    /// The environment the table belongs to.
    public var environment: String
    /// The postgres probe whose database is dumped.
    public var probe: String
    /// That probe's libpq connection string as libpq parses it, rendered as keyword/value text (never holds a
    /// password: the parser refuses one in any spelling libpq accepts).
    public var dsn: String
    /// The environment variable holding the database password, from the probe's `password_env`.
    public var passwordEnv: String?
    /// Absolute folder the backups and `manifest.json` live in.
    public var directory: String
    /// Backups older than this many days are deleted, except the newest verified one.
    public var keepDays: Int
    /// Seconds the dump and its verification may take before they are stopped.
    public var timeout: Double

    /// Creates a backup configuration.
    public init(environment: String, probe: String, dsn: String, passwordEnv: String?, directory: String,
                keepDays: Int = BackupConfig.defaultKeepDays, timeout: Double = BackupConfig.defaultTimeout) {
        self.environment = environment
        self.probe = probe
        self.dsn = dsn
        self.passwordEnv = passwordEnv
        self.directory = directory
        self.keepDays = keepDays
        self.timeout = timeout
    }
}
