/// What a probe talks to.
public enum ProbeKind: String, Sendable, Codable, CaseIterable {
    case http
    case tcp
    case postgres
    case redis
    /// A PromQL instant query against Prometheus, judged by thresholds.
    case prometheus
}

extension ProbeKind {
    /// The kind after its article, for sentences: `an http`, `a postgres` (never `a http`).
    public var withArticle: String {
        (self == .http ? "an " : "a ") + rawValue
    }
}
