/// The kind-specific part of a probe's configuration.
public enum ProbeTarget: Sendable, Equatable {
    case http(HTTPProbeTarget)
    case tcp(HostPort)
    /// A libpq connection string, and the environment variable holding its password.
    case postgres(dsn: String, passwordEnv: String?)
    /// A Redis address, the environment variable holding its password, and the ACL user to
    /// authenticate as (`AUTH username password`; nil: the default user, `AUTH password`).
    case redis(address: HostPort, passwordEnv: String?, username: String? = nil)
    /// A PromQL query against a Prometheus, with thresholds.
    case prometheus(PrometheusProbeTarget)

    /// The kind this target belongs to.
    public var kind: ProbeKind {
        switch self {
        case .http: return .http
        case .tcp: return .tcp
        case .postgres: return .postgres
        case .redis: return .redis
        case .prometheus: return .prometheus
        }
    }

    /// Where the probe points, safe to show: never a password (a DSN as libpq parses it, passwords as `***`; a
    /// URL's user info is masked; header values are never part of it).
    public var displayTarget: String {
        switch self {
        case .http(let target): return SecretRedactor.redactDSN(target.url)
        case .tcp(let address): return address.description
        case .postgres(let dsn, _): return ConnectionString.display(dsn)
        case .redis(let address, _, _): return address.description
        case .prometheus(let target): return SecretRedactor.redactDSN(target.url) + " " + target.query
        }
    }
}
