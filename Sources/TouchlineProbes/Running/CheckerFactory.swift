import TouchlineCore

/// Builds the checker for a probe's kind, taking passwords from the environment variables the config names.
public enum CheckerFactory {
    /// A checker for `config`; `environment` supplies `password_env` values.
    public static func make(_ config: ProbeConfig, environment: [String: String]) -> ProbeChecker {
        switch config.target {
        case .http(let target):
            return HTTPChecker(config: config, target: target, environment: environment)
        case .tcp(let address):
            return TCPChecker(config: config, address: address)
        case .postgres(let dsn, let passwordEnv):
            return PostgresChecker(config: config, dsn: dsn, password: passwordEnv.flatMap { environment[$0] })
        case .redis(let address, let passwordEnv, let username):
            return RedisChecker(config: config, address: address, password: passwordEnv.flatMap { environment[$0] },
                                username: username)
        case .prometheus(let target):
            return PrometheusChecker(config: config, target: target, environment: environment)
        }
    }
}
