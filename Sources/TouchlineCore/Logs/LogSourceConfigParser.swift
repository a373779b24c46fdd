import FoundationEssentials

/// Reads an environment's raw `logs` table: one sub-table per service with exactly one of `command`
/// (argv, no shell) or `file` (a path, relative to the config file's folder).
public enum LogSourceConfigParser {
    /// The keys a service's logs table may hold.
    public static let allowedKeys = ["command", "file"]

    /// The log sources by service name (empty when the environment has no `logs` table).
    ///
    /// - Throws: ``ConfigError`` naming the table and key (both or neither of `command` and `file`, an empty argv).
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws -> [String: LogSourceConfig] {
        guard let raw = environment.actionTables["logs"], case .table(let services) = raw else { return [:] }
        var root = ActionTable.reader(services, environment: environment, name: "logs", configFile: configFile,
                                     locator: locator)
        let directory = URL(fileURLWithPath: configFile).deletingLastPathComponent().path
        var result: [String: LogSourceConfig] = [:]
        for service in root.orderedKeys() {
            guard var table = try root.table(service) else { continue }
            let command = try table.strings("command")
            let file = try table.string("file")
            let source: LogSourceConfig.Source
            switch (command, file) {
            case (let argv?, nil):
                guard !argv.isEmpty, !argv[0].isEmpty else { throw table.error("command", "must name a program") }
                source = .command(argv)
            case (nil, let path?):
                guard !path.isEmpty else { throw table.error("file", "must be a path") }
                source = .file(ConfigLoader.absolute(path, base: directory))
            case (_?, _?):
                throw table.tableError("give either 'command' or 'file', not both")
            case (nil, nil):
                throw table.tableError("missing 'command' (an argv array, e.g. [\"journalctl\", \"-fu\", \"\(service)\"]) or 'file' (a path)")
            }
            try table.finish(allowed: allowedKeys)
            result[service] = LogSourceConfig(service: service, source: source, workingDirectory: directory)
        }
        return result
    }
}
