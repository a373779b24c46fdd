/// What a probe talks to.
public enum ProbeKind: String, Sendable, Codable, CaseIterable {
    case http
    case tcp
    case postgres
    case redis
    /// A PromQL instant query against Prometheus, judged by thresholds.
    case prometheus
}
