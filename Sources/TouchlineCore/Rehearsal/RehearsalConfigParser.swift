import FoundationEssentials

/// Reads an environment's raw `rehearsal` table into a ``RehearsalConfig``.
///
/// Keys: `deploy_command` (required argv with `{release}`), `release`, `wait_healthy` (default `60s`),
/// `timeout` (default `2m`), `rollback_on_failure` (default true), `probes` (the probes that must be up;
/// default all), `[[...rehearsal.checks]]` and
/// `[...rehearsal.load]` (see ``RehearsalRequestParser``). Every bad value is one ``ConfigError``
/// naming the file, the line and the key.
public enum RehearsalConfigParser {
    /// The keys a rehearsal table may hold.
    public static let allowedKeys = ["deploy_command", "release", "wait_healthy", "timeout", "rollback_on_failure",
                                     "probes", "checks", "load"]
    /// The keys a `load` table may hold.
    public static let loadKeys = ["concurrency", "duration", "p95", "error_rate", "request_timeout", "endpoints", "generator"]

    /// Parses `environment.actionTables["rehearsal"]`; `configFile` is the file it came from.
    public static func parse(environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil) throws(ConfigError) -> RehearsalConfig {
        try ActionTable.parse("rehearsal", of: environment, configFile: configFile, locator: locator,
                              missing: "with deploy_command = [\"...\", \"{release}\"]") { reader in
            try read(&reader, environment: environment, configFile: configFile)
        }
    }

    private static func read(_ reader: inout TableReader, environment: EnvironmentConfig,
                             configFile: String) throws -> RehearsalConfig {
        guard let deploy = try reader.strings("deploy_command"), !deploy.isEmpty else {
            throw reader.tableError("missing required key 'deploy_command' (an argv with {release}, e.g. [\"scripts/stack\", \"deploy\", \"{release}\"])")
        }
        guard deploy.contains(where: { $0.contains("{release}") }) else {
            throw reader.error("deploy_command", "must contain {release}")
        }
        let release = try reader.string("release")
        if let release, !RehearsalConfig.isValidRelease(release) {
            throw reader.error("release", "'\(release)' is not a release name (letters, digits and ._+- only)")
        }
        let waitHealthy = try positive(&reader, "wait_healthy") ?? 60
        let timeout = try positive(&reader, "timeout") ?? 120
        let rollbackOnFailure = try reader.bool("rollback_on_failure") ?? true
        let probes = try reader.strings("probes") ?? []
        if let unknown = probes.first(where: { name in !environment.probes.contains { $0.name == name } }) {
            let names = environment.probes.map(\.name).joined(separator: ", ")
            throw reader.error("probes", "no probe named '\(unknown)' in \(environment.name) (probes: \(names))")
        }
        var checks: [RehearsalCheck] = []
        for var table in try reader.tables("checks") ?? [] {
            checks.append(try RehearsalRequestParser.check(&table, index: checks.count))
        }
        var load = RehearsalLoadConfig()
        if var table = try reader.table("load") { load = try self.load(&table) }
        try reader.finish(allowed: allowedKeys)
        return RehearsalConfig(deployCommand: deploy, release: release, waitHealthy: waitHealthy, timeout: timeout,
                               probes: probes, checks: checks, load: load, rollbackOnFailure: rollbackOnFailure,
                               workingDirectory: URL(fileURLWithPath: configFile).deletingLastPathComponent().path)
    }

    private static func load(_ table: inout TableReader) throws -> RehearsalLoadConfig {
        var load = RehearsalLoadConfig()
        if let concurrency = try table.integer("concurrency") {
            guard (1...500).contains(concurrency) else { throw table.error("concurrency", "must be between 1 and 500, found \(concurrency)") }
            load.concurrency = concurrency
        }
        load.duration = try positive(&table, "duration") ?? load.duration
        load.maxP95 = try positive(&table, "p95") ?? load.maxP95
        load.requestTimeout = try positive(&table, "request_timeout") ?? load.requestTimeout
        if let generator = try table.string("generator") {
            guard let chosen = LoadGenerator(rawValue: generator) else {
                throw table.error("generator", "must be one of \(LoadGenerator.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), found '\(generator)'")
            }
            load.generator = chosen
        }
        if let rate = try table.number("error_rate") {
            guard (0...1).contains(rate) else { throw table.error("error_rate", "must be a share between 0 and 1, e.g. 0.05") }
            load.maxErrorRate = rate
        }
        if let endpoints = try table.tables("endpoints") {
            guard !endpoints.isEmpty else { throw table.error("endpoints", "must hold at least one endpoint") }
            load.endpoints = try endpoints.map { endpoint in
                var endpoint = endpoint
                let request = try RehearsalRequestParser.request(&endpoint)
                try endpoint.finish(allowed: RehearsalRequestParser.requestKeys)
                return request
            }
        }
        try table.finish(allowed: loadKeys)
        return load
    }

    private static func positive(_ reader: inout TableReader, _ key: String) throws -> Double? {
        guard let seconds = try reader.duration(key) else { return nil }
        guard seconds > 0 else { throw reader.error(key, "must be longer than 0") }
        return seconds
    }
}
