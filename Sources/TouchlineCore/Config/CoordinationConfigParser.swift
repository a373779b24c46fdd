/// Reads `[environments.NAME.coordination]` into a ``CoordinationConfig``.
enum CoordinationConfigParser {
    /// The table's config; `protected` decides `require` when the table does not.
    static func parse(_ reader: inout TableReader, protected: Bool, environment: [String: String],
                      warnings: inout [String]) throws -> CoordinationConfig {
        let dsn = try reader.requiredString("dsn", for: "for the coordination database (a libpq connection string)")
        do {
            _ = try ConnectionString(parsing: dsn)
        } catch {
            throw reader.error("dsn", "libpq cannot parse this connection string: \(error.message)")
        }
        let passwordEnv = try reader.string("password_env")
        if let variable = passwordEnv, environment[variable] == nil {
            let place = ConfigError(file: reader.context.file, line: reader.context.locator.line(of: reader.keyPath("password_env")),
                                    key: reader.keyPath("password_env"),
                                    message: "warning: environment variable \(variable) is not set; connecting without a password")
            warnings.append(place.description)
        }
        let require = try reader.bool("require") ?? protected
        let timeout = try reader.duration("timeout") ?? 2
        guard timeout > 0, timeout <= 60 else { throw reader.error("timeout", "must be between 1ms and 60s") }
        let acknowledgeFor = try reader.duration("acknowledge_for") ?? 1800
        guard acknowledgeFor >= 1 else { throw reader.error("acknowledge_for", "must be at least 1s") }
        try reader.finish(allowed: CoordinationConfig.keys)
        return CoordinationConfig(dsn: dsn, passwordEnv: passwordEnv, require: require, timeout: timeout,
                                  acknowledgeFor: acknowledgeFor)
    }
}
