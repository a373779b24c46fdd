/// The kind-specific numbers of one sample.
public enum ProbeMetrics: Sendable, Equatable {
    case none
    /// The HTTP status code of the answer.
    case http(statusCode: Int)
    case postgres(PostgresSnapshot)
    case redis(RedisSnapshot)
}
