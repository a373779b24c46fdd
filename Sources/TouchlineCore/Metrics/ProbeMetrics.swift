/// The kind-specific numbers of one sample.
///
/// The database and Redis snapshots are stored out of line (`indirect`): a sample window holds 15 minutes
/// of samples per probe, and inline they would make every sample — HTTP and TCP ones included — as large
/// as the largest snapshot.
public enum ProbeMetrics: Sendable, Equatable {
    case none
    /// The HTTP exchange: status code, protocol, timing phases, certificate.
    indirect case http(HTTPSnapshot)
    indirect case postgres(PostgresSnapshot)
    indirect case redis(RedisSnapshot)
    /// A PromQL query's value, and its sub-rows with `by`.
    indirect case prometheus(PrometheusSnapshot)

    /// An HTTP answer known only by its status code.
    public static func http(statusCode: Int) -> ProbeMetrics { .http(HTTPSnapshot(statusCode: statusCode)) }
}
