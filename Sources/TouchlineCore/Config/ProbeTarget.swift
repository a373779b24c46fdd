/// The kind-specific part of a probe's configuration.
public enum ProbeTarget: Sendable, Equatable {
    case http(HTTPProbeTarget)
    case tcp(HostPort)
    /// A libpq connection string, and the environment variable holding its password.
    case postgres(dsn: String, passwordEnv: String?)
    /// A Redis address, and the environment variable holding its password.
    case redis(address: HostPort, passwordEnv: String?)

    /// The kind this target belongs to.
    public var kind: ProbeKind {
        switch self {
        case .http: return .http
        case .tcp: return .tcp
        case .postgres: return .postgres
        case .redis: return .redis
        }
    }

    /// Where the probe points, safe to show: never a password (a URL's user info is masked; header values are
    /// never part of it).
    public var displayTarget: String {
        switch self {
        case .http(let target): return SecretRedactor.redactDSN(target.url)
        case .tcp(let address): return address.description
        case .postgres(let dsn, _): return SecretRedactor.redactDSN(dsn)
        case .redis(let address, _): return address.description
        }
    }
}
