/// One HTTP request a rehearsal sends: a functional check's or a load-test endpoint's.
public struct RehearsalRequest: Sendable, Equatable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The path (with query), e.g. `/api/v1/predictions/match`.
    public var path: String
    /// The JSON body, when there is one (sent with `Content-Type: application/json`).
    public var body: String?

    /// Creates a request.
    public init(method: String, path: String, body: String? = nil) {
        self.method = method
        self.path = path
        self.body = body
    }

    /// `METHOD path`, for tables and progress lines.
    public var label: String { "\(method) \(path)" }
}
