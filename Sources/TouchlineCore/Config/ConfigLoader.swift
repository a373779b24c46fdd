import FoundationEssentials
import Glibc

/// Finds, reads and validates config.toml.
public enum ConfigLoader {
    static let topLevelKeys = ["default_environment", "theme", "environments", "keys", "thresholds"]
    static let environmentKeys = ["label", "interval", "failure_threshold", "success_threshold", "protected", "state_dir", "probes", "backup", "restart", "rollback", "rehearsal", "coordination", "config_files", "logs", "alerts"]
    static let actionTableKeys = ["backup", "restart", "rollback", "rehearsal", "config_files", "logs"]

    /// The places a config is looked for, in order: `--config`, `$TOUCHLINE_CONFIG`, `./config.toml`,
    /// `$XDG_CONFIG_HOME/touchline/config.toml` (or `~/.config/...`).
    public static func candidates(explicit: String?, environment: [String: String]) -> [String] {
        if let explicit { return [explicit] }
        if let fromEnv = environment["TOUCHLINE_CONFIG"], !fromEnv.isEmpty { return [fromEnv] }
        var places = ["config.toml"]
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            places.append("\(xdg)/touchline/config.toml")
        } else if let home = environment["HOME"], !home.isEmpty {
            places.append("\(home)/.config/touchline/config.toml")
        }
        return places
    }

    /// Finds the first existing candidate and loads it.
    public static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TouchlineConfig {
        let places = candidates(explicit: explicit, environment: environment)
        // lstat, not fileExists: a link loop or a dangling link is there, and loading it says what is wrong with it.
        guard let path = places.first(where: { place in
            var info = stat()
            return lstat(place, &info) == 0
        }) else {
            if places.count == 1 {
                // A path nobody typed on this command line says where it came from.
                let fromEnvironment = explicit == nil ? " (named by $TOUCHLINE_CONFIG)" : ""
                throw ConfigError(file: places[0], line: nil, key: nil, message: "config file not found" + fromEnvironment)
            }
            throw ConfigError(file: "config.toml", line: nil, key: nil,
                              message: "no config file found (looked in: \(places.joined(separator: ", "))); pass --config PATH")
        }
        return try load(path: path, environment: environment)
    }

    /// The most a config or theme file may hold: 16 MiB (real configs are a few KiB; a bigger file is a mistake,
    /// and reading it would cost memory and seconds before any error).
    public static let maximumFileSize = 16 * 1_048_576

    /// Loads the file at `path`: a regular file, or a stream (a pipe, `<(…)`, a FIFO, `/dev/null`) read to its end.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TouchlineConfig {
        let text = try documentText(path: path, noun: "config file")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: directory, environment: environment)
    }

    /// The text of the config or theme file at `path` (`noun` names it in errors), at most
    /// ``maximumFileSize`` bytes, read to its end when it is a stream.
    ///
    /// - Throws: a ``ConfigError`` naming `path`: not found, a directory, too large, not UTF-8, or the system's
    ///   reason it cannot be read (`cannot read the file: permission denied`).
    public static func documentText(path: String, noun: String) throws(ConfigError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: maximumFileSize, source: .fileOrStream)
        } catch {
            let message: String
            switch error {
            case .missing: message = "\(noun) not found"
            case .directory: message = "is a directory, not a \(noun)"
            case .notRegularFile(let kind): message = "is \(kind), not a \(noun)"
            case .tooLarge(let size, let limit):
                let shown = size.map { "is \(BoundedFile.megabytes($0))" } ?? "is larger than \(BoundedFile.mebibytes(limit))"
                message = "\(shown); a \(noun) is at most \(BoundedFile.mebibytes(limit))"
            case .system(let words): message = "cannot read the file: \(words)"
            }
            throw ConfigError(file: path, line: nil, key: nil, message: message)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "the file is not valid UTF-8")
        }
        return text
    }

    /// Validates config text; relative paths in it are taken from `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: String,
                             environment: [String: String]) throws -> TouchlineConfig {
        let values = try TOMLDocument.parse(text, file: file)
        let context = TableReader.Context(file: file, locator: TOMLKeyLocator(text: text))
        var root = TableReader(values, path: "", context: context)
        try root.rejectUnknown(allowed: topLevelKeys)
        let theme = try root.string("theme") ?? "default"
        let defaultName = try root.string("default_environment")
        guard var environmentsTable = try root.table("environments") else {
            throw context.error("environments", "no environments defined (add e.g. [environments.staging])")
        }
        var environments: [EnvironmentConfig] = []
        for name in environmentsTable.orderedKeys() {
            guard var table = try environmentsTable.table(name) else { continue }
            environments.append(try parseEnvironment(name: name, &table, baseDirectory: baseDirectory,
                                                     environment: environment))
        }
        guard !environments.isEmpty else {
            throw context.error("environments", "no environments defined (add e.g. [environments.staging])")
        }
        var bindings = KeyBindings.standard
        if var keys = try root.table("keys") { bindings = try KeyBindingsParser.parse(&keys) }
        var thresholds = LatencyThresholds()
        if var table = try root.table("thresholds") {
            thresholds.p95 = try table.duration("p95") ?? thresholds.p95
            thresholds.average = try table.duration("average") ?? thresholds.average
            if let rate = try table.number("error_rate") {
                guard (0...1).contains(rate) else { throw table.error("error_rate", "must be a share between 0 and 1, e.g. 0.05") }
                thresholds.errorRate = rate
            }
            try table.finish(allowed: ["p95", "average", "error_rate"])
        }
        try root.finish(allowed: topLevelKeys)
        let defaultEnvironment = defaultName ?? environments[0].name
        guard environments.contains(where: { $0.name == defaultEnvironment }) else {
            throw context.error("default_environment",
                                "unknown environment '\(defaultEnvironment)' (defined: \(environments.map(\.name).joined(separator: ", ")))")
        }
        for index in environments.indices {
            environments[index].actions = try EnvironmentActions.parse(environment: environments[index], configFile: file,
                                                                       locator: context.locator)
        }
        var config = TouchlineConfig(path: file, defaultEnvironment: defaultEnvironment, theme: theme,
                                     environments: environments, warnings: [])
        config.bindings = bindings
        config.thresholds = thresholds
        return config
    }

    private static func parseEnvironment(name: String, _ table: inout TableReader, baseDirectory: String,
                                         environment: [String: String]) throws -> EnvironmentConfig {
        var warnings: [String] = []
        let label = try table.string("label") ?? name.uppercased()
        let interval = try table.duration("interval") ?? 1
        var defaults = ProbeConfigParser.Defaults(interval: interval)
        defaults.baseDirectory = baseDirectory
        defaults.failureThreshold = try ProbeConfigParser.threshold(&table, "failure_threshold") ?? defaults.failureThreshold
        defaults.successThreshold = try ProbeConfigParser.threshold(&table, "success_threshold") ?? defaults.successThreshold
        let protected = try table.bool("protected") ?? false
        let stateDir = try table.string("state_dir") ?? ".touchline/\(name)"
        var probes: [ProbeConfig] = []
        var seen: [String: String] = [:]
        var warningsByProbe: [String: [String]] = [:]
        for var probeTable in try table.tables("probes") ?? [] {
            var probeWarnings: [String] = []
            let probe = try ProbeConfigParser.parse(&probeTable, defaults: defaults,
                                                    environment: environment, warnings: &probeWarnings)
            warnings += probeWarnings
            if !probeWarnings.isEmpty { warningsByProbe[probe.name, default: []] += probeWarnings }
            if let first = seen[probe.name] {
                throw probeTable.error("name", "duplicate probe name '\(probe.name)' (first defined at \(first))")
            }
            seen[probe.name] = probeTable.path
            probes.append(probe)
        }
        var actionTables: [String: ConfigValue] = [:]
        for key in actionTableKeys {
            if let value = table.raw(key) {
                guard case .table = value else {
                    throw table.error(key, "expected a table, found \(value.typeName)")
                }
                actionTables[key] = value
            }
        }
        var coordination: CoordinationConfig?
        if var coordinationTable = try table.table("coordination") {
            coordination = try CoordinationConfigParser.parse(&coordinationTable, protected: protected, environment: environment,
                                                              warnings: &warnings)
        }
        var alerts: AlertsConfig?
        if var alertsTable = try table.table("alerts") { alerts = try AlertsConfigParser.parse(&alertsTable) }
        try table.finish(allowed: environmentKeys)
        var config = EnvironmentConfig(name: name, label: label, interval: interval, protected: protected,
                                       stateDirectory: absolute(stateDir, base: baseDirectory),
                                       probes: probes, actionTables: actionTables)
        config.warnings = warnings
        config.probeWarnings = warningsByProbe
        config.coordination = coordination
        config.alerts = alerts
        return config
    }

    /// `path` made absolute: `~/` from HOME, relative paths from `base`.
    static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst(1)
        }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardizedFileURL.path
    }
}
