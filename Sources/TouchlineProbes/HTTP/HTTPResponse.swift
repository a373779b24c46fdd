/// A complete HTTP/1.1 response.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields, names lower-cased.
    public var headers: [String: String]
    /// The body, de-chunked.
    public var body: [UInt8]
    /// Whether the server keeps the connection open for the next request.
    public var keepAlive: Bool

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8], keepAlive: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }
}
