import FoundationEssentials

/// Reads an environment's raw `config_files` table into a ``ConfigFilesConfig``.
///
/// Keys: `paths` (required, non-empty array of files, relative to the config file's folder or absolute),
/// `directory` (default `STATE_DIR/config-snapshots`), `keep` (positive integer, default 50), `apply_command`
/// (argv, optional), `probe` (a probe of the environment, optional), `timeout` (of the apply, default `2m`),
/// `wait_healthy` (default `60s`). Any other key is an error naming `environments.NAME.config_files.KEY`.
public enum ConfigFilesConfigParser {
    /// The keys a config_files table may hold.
    public static let allowedKeys = ["paths", "directory", "keep", "apply_command", "probe", "timeout", "wait_healthy"]

    /// The configuration, or nil when the environment has no `config_files` table.
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws -> ConfigFilesConfig? {
        guard let raw = environment.actionTables["config_files"], case .table(let values) = raw else { return nil }
        var table = ActionTable.reader(values, environment: environment, name: "config_files", configFile: configFile,
                                       locator: locator)
        guard let paths = try table.strings("paths"), !paths.isEmpty else {
            throw table.tableError("missing required key 'paths' (the files to snapshot, e.g. [\".env.staging\"])")
        }
        if let empty = paths.firstIndex(where: \.isEmpty) { throw table.error("paths", "entry \(empty + 1) is empty") }
        let absolute = paths.map { BackupConfigParser.absolute($0, configFile: configFile) }
        if let duplicate = absolute.enumerated().first(where: { absolute.firstIndex(of: $0.element) != $0.offset }) {
            throw table.error("paths", "\(duplicate.element) is listed twice")
        }
        let directory = try table.string("directory").map { BackupConfigParser.absolute($0, configFile: configFile) }
            ?? URL(fileURLWithPath: environment.stateDirectory).appendingPathComponent("config-snapshots").path
        if absolute.contains(where: { $0.hasPrefix(directory + "/") }) {
            throw table.error("directory", "must not hold a listed file (\(directory))")
        }
        let keep = try table.integer("keep") ?? ConfigFilesConfig.defaultKeep
        guard keep > 0 else { throw table.error("keep", "must be a positive number of snapshots, found \(keep)") }
        let apply = try table.strings("apply_command")
        if let apply, apply.isEmpty || apply[0].isEmpty { throw table.error("apply_command", "must be a non-empty argv") }
        var probe: ProbeConfig?
        if let name = try table.string("probe") {
            guard let found = environment.probes.first(where: { $0.name == name }) else {
                let names = environment.probes.map(\.name).joined(separator: ", ")
                throw table.error("probe", "no probe named '\(name)' in environment \(environment.name) (probes: \(names))")
            }
            probe = found
        }
        let timeout = try table.duration("timeout") ?? ConfigFilesConfig.defaultTimeout
        let waitHealthy = try table.duration("wait_healthy") ?? ConfigFilesConfig.defaultWaitHealthy
        try table.finish(allowed: allowedKeys)
        return ConfigFilesConfig(environment: environment.name, paths: absolute, directory: directory, keep: keep,
                                 applyCommand: apply, probe: probe, timeout: timeout, waitHealthy: waitHealthy,
                                 workingDirectory: URL(fileURLWithPath: configFile).deletingLastPathComponent().path)
    }
}
