/// Where an environment's operators coordinate: `[environments.NAME.coordination]`, a PostgreSQL database
/// holding the shared action lock (a session-level advisory lock), the shared audit table and the live feed
/// (`LISTEN`/`NOTIFY`), in a schema of its own (`touchline`).
public struct CoordinationConfig: Sendable, Equatable {
    /// The libpq connection string (keyword/value or URI), as a postgres probe's `dsn`.
    public var dsn: String
    /// The variable holding the password, as a postgres probe's `password_env`.
    public var passwordEnv: String?
    /// Whether an action that changes the environment is refused (exit 2) when the store cannot be reached;
    /// false runs it on the local lock and uploads its audit records later, marked late. Default: the
    /// environment's `protected`.
    public var require: Bool
    /// Deadline of one connection attempt or one statement, in seconds (`timeout`, default 2 s).
    public var timeout: Double
    /// How long an acknowledgement (`A` on a red Services row) lasts unless the probe recovers first, in
    /// seconds (`acknowledge_for`, default 30 minutes).
    public var acknowledgeFor: Double

    /// The keys of the table.
    public static let keys = ["dsn", "password_env", "require", "timeout", "acknowledge_for"]

    /// Creates a coordination config.
    public init(dsn: String, passwordEnv: String? = nil, require: Bool, timeout: Double = 2, acknowledgeFor: Double = 1800) {
        self.dsn = dsn
        self.passwordEnv = passwordEnv
        self.require = require
        self.timeout = timeout
        self.acknowledgeFor = acknowledgeFor
    }

    /// The DSN as it may be shown: libpq's parse with the password as `***`.
    public var displayDSN: String { ConnectionString.display(dsn) }

    /// The password it connects with: the inline one libpq parses from ``dsn`` is used by libpq itself;
    /// this is the `password_env` variable's value, when set and not empty.
    public func password(in processEnvironment: [String: String]) -> String? {
        passwordEnv.flatMap { processEnvironment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The passwords to keep out of text: the variable's value and any inline password of ``dsn``.
    public func secretValues(in processEnvironment: [String: String]) -> [String] {
        ((try? ConnectionString(parsing: dsn).secrets) ?? []) + [password(in: processEnvironment)].compactMap { $0 }
    }
}
