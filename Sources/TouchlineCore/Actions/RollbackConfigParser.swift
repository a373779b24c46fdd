import FoundationEssentials

/// Reads an environment's raw `rollback` table: `probe` (an http probe with `version_field`),
/// `list_command`, `command` (with `{release}`), `wait_healthy` (default `60s`), `timeout` (default `2m`).
public enum RollbackConfigParser {
    /// The keys a rollback table may hold.
    public static let allowedKeys = ["probe", "list_command", "command", "wait_healthy", "timeout"]

    /// The rollback configuration, or nil when the environment has no `rollback` table.
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws -> RollbackConfig? {
        guard let raw = environment.actionTables["rollback"], case .table(let values) = raw else { return nil }
        var table = ActionTable.reader(values, environment: environment, name: "rollback", configFile: configFile,
                                     locator: locator)
        let probeName = try table.requiredString("probe", for: "(the http probe whose version_field proves the release)")
        guard let probe = environment.probes.first(where: { $0.name == probeName }) else {
            throw table.error("probe", "no probe named '\(probeName)' in \(environment.name)")
        }
        guard case .http(let target) = probe.target, target.versionField != nil else {
            throw table.error("probe", "'\(probeName)' must be an http probe with version_field, so the release can be proven")
        }
        guard let list = try table.strings("list_command"), !list.isEmpty else {
            throw table.tableError("missing required key 'list_command' (an argv that prints one release per line, newest first)")
        }
        guard let command = try table.strings("command"), !command.isEmpty else {
            throw table.tableError("missing required key 'command' (an argv with {release})")
        }
        guard command.contains(where: { $0.contains("{release}") }) else {
            throw table.error("command", "must contain {release}")
        }
        let waitHealthy = try table.duration("wait_healthy") ?? 60
        let timeout = try table.duration("timeout") ?? 120
        try table.finish(allowed: allowedKeys)
        return RollbackConfig(probe: probe, listCommand: list, command: command, waitHealthy: waitHealthy, timeout: timeout,
                              workingDirectory: URL(fileURLWithPath: configFile).deletingLastPathComponent().path)
    }
}
