import FoundationEssentials

/// Reads an environment's raw `backup` table into a ``BackupConfig``.
///
/// Keys: `probe` (required, a postgres probe of the environment), `directory` (default
/// `backups/NAME`, relative to the config file's folder), `keep_days` (positive integer, default 7),
/// `timeout` (duration, default `1h`). Any other key is an error naming `environments.NAME.backup.KEY`. The probe's
/// DSN must hold no password (libpq's parse decides, whatever the spelling): pg_dump and psql get the DSN on
/// their command line, visible to every local user; ``BackupConfig/dsn`` is libpq's parse of it, rendered.
public enum BackupConfigParser {
    /// The keys a backup table may hold.
    public static let allowedKeys = ["probe", "directory", "keep_days", "timeout"]

    /// Parses `environment.actionTables["backup"]`; `configFile` is the file it came from (for relative
    /// paths and, when the file can be read, line numbers in errors).
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws(ConfigError) -> BackupConfig {
        try ActionTable.parse("backup", of: environment, configFile: configFile, locator: locator,
                              missing: "with probe = \"postgres\" and directory = \"backups/\(environment.name)\"") { reader in
            try read(&reader, environment: environment, configFile: configFile)
        }
    }

    private static func read(_ reader: inout TableReader, environment: EnvironmentConfig,
                             configFile: String) throws -> BackupConfig {
        let probeName = try reader.requiredString("probe", for: "(the postgres probe whose database is dumped)")
        guard let probe = environment.probes.first(where: { $0.name == probeName }) else {
            let names = environment.probes.map(\.name).joined(separator: ", ")
            throw reader.error("probe", "no probe named '\(probeName)' in environment \(environment.name) (probes: \(names))")
        }
        guard case .postgres(let dsn, let passwordEnv) = probe.target else {
            throw reader.error("probe", "probe '\(probeName)' is \(probe.kind.withArticle) probe; a backup needs a postgres probe")
        }
        let connection: ConnectionString
        do {
            connection = try ConnectionString(parsing: dsn)
        } catch {
            throw reader.error("probe", "libpq cannot parse the dsn of probe '\(probeName)': \(error.message)")
        }
        guard connection.secretKeywords.isEmpty else {
            let keywords = connection.secretKeywords.joined(separator: ", ")
            throw reader.error("probe", "the dsn of probe '\(probeName)' holds a password (\(keywords)), which pg_dump would get on "
                               + "its command line; remove it and name an environment variable in password_env")
        }
        let directory = try reader.string("directory") ?? "backups/\(environment.name)"
        guard !directory.isEmpty else { throw reader.error("directory", "must not be empty") }
        let keepDays = try reader.integer("keep_days") ?? BackupConfig.defaultKeepDays
        guard keepDays > 0 else { throw reader.error("keep_days", "must be a positive number of days, found \(keepDays)") }
        let timeout = try reader.duration("timeout") ?? BackupConfig.defaultTimeout
        try reader.finish(allowed: allowedKeys)
        return BackupConfig(environment: environment.name, probe: probeName, dsn: connection.withoutSecrets, passwordEnv: passwordEnv,
                            directory: absolute(directory, configFile: configFile), keepDays: keepDays, timeout: timeout)
    }

    /// `path` made absolute: `/...` stays, `~/...` is under `$HOME`, anything else is under the config file's folder.
    static func absolute(_ path: String, configFile: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return URL(fileURLWithPath: home + path.dropFirst(1)).standardizedFileURL.path
        }
        let folder = URL(fileURLWithPath: configFile).deletingLastPathComponent()
        return URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL.path
    }
}
