/// What a probe talks to.
public enum ProbeKind: String, Sendable, Codable, CaseIterable {
    case http
    case tcp
    case postgres
    case redis
}
