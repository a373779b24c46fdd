import FoundationEssentials

/// Reads an environment's raw `restart` table: one sub-table per service, named after its probe, with
/// `command` (argv, required), `wait_healthy` (default `30s`) and `timeout` (default `1m`).
public enum RestartConfigParser {
    /// The keys a service's restart table may hold.
    public static let allowedKeys = ["command", "wait_healthy", "timeout"]

    /// The restart configurations by service name (empty when the environment has no `restart` table).
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws -> [String: RestartConfig] {
        guard let raw = environment.actionTables["restart"], case .table(let services) = raw else { return [:] }
        var root = ActionTable.reader(services, environment: environment, name: "restart", configFile: configFile,
                                     locator: locator)
        let directory = URL(fileURLWithPath: configFile).deletingLastPathComponent().path
        var result: [String: RestartConfig] = [:]
        for service in root.orderedKeys() {
            guard var table = try root.table(service) else { continue }
            guard let probe = environment.probes.first(where: { $0.name == service }) else {
                throw table.tableError("no probe named '\(service)' in \(environment.name): a restart table is named after the probe that proves the service is back")
            }
            guard let command = try table.strings("command") else {
                throw table.tableError("missing required key 'command' (an argv array, e.g. [\"scripts/stack\", \"restart\", \"\(service)\"])")
            }
            guard !command.isEmpty, !command[0].isEmpty else { throw table.error("command", "must name a program") }
            let waitHealthy = try table.duration("wait_healthy") ?? 30
            let timeout = try table.duration("timeout") ?? 60
            try table.finish(allowed: allowedKeys)
            result[service] = RestartConfig(probe: probe, command: command, waitHealthy: waitHealthy, timeout: timeout,
                                            workingDirectory: directory)
        }
        return result
    }
}
