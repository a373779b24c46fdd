import FoundationEssentials

/// Turns one `[[environments.NAME.probes]]` table into a ``ProbeConfig``.
enum ProbeConfigParser {
    static let commonKeys = ["name", "kind", "timeout", "interval", "latency_warn", "failure_threshold", "success_threshold", "optional"]
    static let kindKeys: [ProbeKind: [String]] = [
        .http: HTTPTargetParser.keys,
        .tcp: ["address"],
        .postgres: ["dsn", "password_env", "idle_in_transaction_warn"],
        .redis: ["address", "password_env", "username", "tls"],
        .prometheus: PrometheusTargetParser.keys,
    ]
    static let defaultTimeout = 2.0

    /// The thresholds a probe takes when it sets none: the environment's, else ``ProbeConfig/defaultThreshold``.
    struct Defaults {
        var interval: Double
        var failureThreshold = ProbeConfig.defaultThreshold
        var successThreshold = ProbeConfig.defaultThreshold
        /// The folder relative file paths (`ca_file`, ...) are taken from: the config file's.
        var baseDirectory = ""
    }

    static func parse(_ reader: inout TableReader, defaults: Defaults,
                      environment: [String: String], warnings: inout [String]) throws -> ProbeConfig {
        let name = try reader.requiredString("name", for: "(every probe needs a name)")
        let kindText = try reader.requiredString("kind", for: "for probe '\(name)' (http, tcp, postgres, redis or prometheus)")
        guard let kind = ProbeKind(rawValue: kindText) else {
            throw reader.error("kind", "unknown kind '\(kindText)' (use http, tcp, postgres, redis or prometheus)")
        }
        let timeout = try reader.duration("timeout") ?? defaultTimeout
        let interval = try reader.duration("interval") ?? defaults.interval
        let latencyWarn = try reader.duration("latency_warn")
        let failureThreshold = try threshold(&reader, "failure_threshold") ?? defaults.failureThreshold
        let successThreshold = try threshold(&reader, "success_threshold") ?? defaults.successThreshold
        let optional = try reader.bool("optional") ?? false
        let target: ProbeTarget
        var idleInTransactionWarn = PostgresSnapshot.defaultIdleInTransactionWarn
        switch kind {
        case .http:
            target = .http(try HTTPTargetParser.parse(&reader, name: name, baseDirectory: defaults.baseDirectory,
                                                      environment: environment, warnings: &warnings))
        case .tcp:
            target = .tcp(try address(&reader, name: name, kind: kind))
        case .postgres:
            let dsn = try reader.requiredString("dsn", for: "for postgres probe '\(name)'")
            do {
                _ = try ConnectionString(parsing: dsn)
            } catch {
                throw reader.error("dsn", "libpq cannot parse this connection string: \(error.message)")
            }
            let passwordEnv = try passwordVariable(&reader, environment: environment, warnings: &warnings)
            target = .postgres(dsn: dsn, passwordEnv: passwordEnv)
            idleInTransactionWarn = try reader.duration("idle_in_transaction_warn") ?? idleInTransactionWarn
        case .redis:
            let address = try address(&reader, name: name, kind: kind)
            let passwordEnv = try passwordVariable(&reader, environment: environment, warnings: &warnings)
            target = .redis(address: address, passwordEnv: passwordEnv, username: try redisUsername(&reader))
            try refuseRedisTLS(&reader)
        case .prometheus:
            target = .prometheus(try PrometheusTargetParser.parse(&reader, name: name))
        }
        try reader.finish(allowed: commonKeys + (kindKeys[kind] ?? []))
        var config = ProbeConfig(name: name, interval: interval, timeout: timeout, latencyWarn: latencyWarn, target: target,
                                 failureThreshold: failureThreshold, successThreshold: successThreshold)
        config.idleInTransactionWarn = idleInTransactionWarn
        config.optional = optional
        return config
    }

    /// A `failure_threshold` / `success_threshold`: a whole number of polls from 1 to 100.
    static func threshold(_ reader: inout TableReader, _ key: String) throws -> Int? {
        let range = ProbeConfig.thresholdRange
        guard let value = reader.raw(key) else { return nil }
        let expected = "a whole number of polls from \(range.lowerBound) to \(range.upperBound)"
        guard case .integer(let polls) = value else { throw reader.error(key, "expected \(expected), found \(value.typeName)") }
        guard range.contains(polls) else { throw reader.error(key, "\(polls) is out of range: use \(expected)") }
        return polls
    }

    private static func address(_ reader: inout TableReader, name: String, kind: ProbeKind) throws -> HostPort {
        let text = try reader.requiredString("address", for: "for \(kind.rawValue) probe '\(name)'")
        guard let address = HostPort(parsing: text) else {
            throw reader.error("address", "malformed address \"\(text)\" (use host:port, e.g. 127.0.0.1:6380)")
        }
        return address
    }

    private static func passwordVariable(_ reader: inout TableReader, environment: [String: String],
                                         warnings: inout [String]) throws -> String? {
        guard let variable = try reader.string("password_env") else { return nil }
        if environment[variable] == nil {
            let place = ConfigError(file: reader.context.file, line: reader.context.locator.line(of: reader.keyPath("password_env")),
                                    key: reader.keyPath("password_env"),
                                    message: "warning: environment variable \(variable) is not set; connecting without a password")
            warnings.append(place.description)
        }
        return variable
    }

    /// The ACL user of a redis probe: a non-empty name without spaces or control characters (Redis's own rule).
    private static func redisUsername(_ reader: inout TableReader) throws -> String? {
        guard let name = try reader.string("username") else { return nil }
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw reader.error("username", "invalid Redis user name \"\(name)\" (a non-empty ACL user name without spaces, e.g. \"monitor\")")
        }
        return name
    }

    /// `tls = true` on a redis probe is refused at load: the hiredis touchline links (0.14, Debian 12's) has no TLS.
    private static func refuseRedisTLS(_ reader: inout TableReader) throws {
        guard try reader.bool("tls") == true else { return }
        throw reader.error("tls", "Redis over TLS is not supported: the hiredis touchline is built with (0.14, Debian 12's) has no TLS; "
                           + "reach the server through a TLS tunnel (e.g. stunnel) on a local port and probe that, or remove tls")
    }
}
