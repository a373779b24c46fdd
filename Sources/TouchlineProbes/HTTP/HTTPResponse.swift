/// A complete HTTP response: the final one of an exchange (after any 1xx and followed redirects).
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields, names lower-cased; a repeated field's values joined with `, `.
    public var headers: [String: String]
    /// The body (de-chunked, at most the client's body limit).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
