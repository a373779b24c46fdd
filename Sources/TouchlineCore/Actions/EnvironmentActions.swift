/// The action tables of one environment (`backup`, `restart`, `rollback`, `rehearsal`), parsed once when the
/// config is loaded: a bad table is a ``ConfigError`` of the load (one line, file:line:key), never of the run.
public struct EnvironmentActions: Sendable, Equatable {
    /// `[environments.NAME.backup]`, which restore uses as well; nil when the environment has none.
    public var backup: BackupConfig?
    /// `[environments.NAME.restart.SERVICE]` by service (probe) name; empty when the environment has none.
    public var restarts: [String: RestartConfig]
    /// `[environments.NAME.rollback]`; nil when the environment has none.
    public var rollback: RollbackConfig?
    /// `[environments.NAME.rehearsal]`; nil when the environment has none.
    public var rehearsal: RehearsalConfig?
    /// `[environments.NAME.config_files]`; nil when the environment has none.
    public var configFiles: ConfigFilesConfig?
    /// `[environments.NAME.logs.SERVICE]` by service name; empty when the environment has none.
    public var logs: [String: LogSourceConfig] = [:]

    /// Creates the actions of an environment.
    public init(backup: BackupConfig? = nil, restarts: [String: RestartConfig] = [:], rollback: RollbackConfig? = nil,
                rehearsal: RehearsalConfig? = nil) {
        self.backup = backup
        self.restarts = restarts
        self.rollback = rollback
        self.rehearsal = rehearsal
    }

    /// Parses every action table `environment` has; `configFile` is the file they came from (relative paths,
    /// working folders, error lines) and `locator` indexes the text that was loaded.
    ///
    /// - Throws: the first table's problem, as one ``ConfigError``.
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws(ConfigError) -> EnvironmentActions {
        do {
            var actions = EnvironmentActions()
            if environment.actionTables["backup"] != nil {
                actions.backup = try BackupConfigParser.parse(environment: environment, configFile: configFile, locator: locator)
            }
            actions.restarts = try RestartConfigParser.parse(environment: environment, configFile: configFile, locator: locator)
            actions.logs = try LogSourceConfigParser.parse(environment: environment, configFile: configFile, locator: locator)
            actions.rollback = try RollbackConfigParser.parse(environment: environment, configFile: configFile, locator: locator)
            if environment.actionTables["rehearsal"] != nil {
                actions.rehearsal = try RehearsalConfigParser.parse(environment: environment, configFile: configFile,
                                                                    locator: locator)
            }
            actions.configFiles = try ConfigFilesConfigParser.parse(environment: environment, configFile: configFile, locator: locator)
            return actions
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: configFile, line: nil, key: "environments.\(environment.name)", message: "\(error)")
        }
    }

    /// The backup table, or the one-line error naming the table to add when `environment` has none.
    public func requiredBackup(of environment: EnvironmentConfig, configFile: String) throws(ConfigError) -> BackupConfig {
        if let backup { return backup }
        // Without a table the parser only builds its "no backup configured: add [...]" error.
        return try BackupConfigParser.parse(environment: environment, configFile: configFile)
    }

    /// The rehearsal table, or the one-line error naming the table to add when `environment` has none.
    public func requiredRehearsal(of environment: EnvironmentConfig, configFile: String) throws(ConfigError) -> RehearsalConfig {
        if let rehearsal { return rehearsal }
        return try RehearsalConfigParser.parse(environment: environment, configFile: configFile)
    }
}
