/// The head and the start of the body of an HTTP probe's newest response, for the detail view: the
/// status line, the response header lines (never the request's, whose values may hold `${ENV}`
/// secrets) and the first ``bodyLimit`` bytes of the body.
///
/// Only the newest is kept per probe (``ProbeState/lastResponse``), not one per sample of the window.
public struct HTTPResponseCapture: Sendable, Equatable {
    /// The final response's status line as the server sent it, e.g. `HTTP/1.1 503 Service Unavailable`
    /// (HTTP/2 has no reason phrase: `HTTP/2 503`).
    public var statusLine: String
    /// The response header lines (`name: value`) in arrival order, at most ``headerLimit`` bytes in total.
    public var headerLines: [String]
    /// Whether header lines were left out to stay within ``headerLimit``.
    public var headersTruncated: Bool
    /// The first ``bodyLimit`` bytes of the body, as UTF-8 (invalid bytes replaced).
    public var bodyPrefix: String
    /// The body's full length in bytes, as received.
    public var bodyBytes: Int

    /// The most header bytes kept.
    public static let headerLimit = 4096
    /// The most body bytes kept.
    public static let bodyLimit = 2048

    /// Captures a response: header lines are kept in order while their sum stays within ``headerLimit``;
    /// the body is cut at ``bodyLimit`` bytes.
    public init(statusLine: String, headerLines: [String], body: [UInt8]) {
        self.statusLine = statusLine
        var kept: [String] = []
        var used = 0
        var truncated = false
        for line in headerLines {
            guard used + line.utf8.count <= Self.headerLimit else {
                truncated = true
                break
            }
            kept.append(line)
            used += line.utf8.count
        }
        self.headerLines = kept
        headersTruncated = truncated
        bodyPrefix = String(decoding: body.prefix(Self.bodyLimit), as: UTF8.self)
        bodyBytes = body.count
    }
}
