/// What an http probe requests and how it judges the answer.
public struct HTTPProbeTarget: Sendable, Equatable {
    /// The URL as written in the config (no secrets: header values live in ``headers``).
    public var url: String
    /// Host and port taken from the URL (an IPv6 literal without its brackets).
    public var address: HostPort
    /// Path and query sent in the request line.
    public var path: String
    /// Status codes that count as success; empty means any 2xx.
    public var expectStatus: [Int]
    /// Dotted path of a JSON field whose value (healthy/ok/up, degraded, other) sets the status.
    public var statusField: String?
    /// Dotted path of a JSON field holding the deployed release.
    public var versionField: String?
    /// The request method (`method`), upper case; `GET` by default.
    public var method = "GET"
    /// The request body (`body`), sent as is.
    public var body: String?
    /// Extra request headers (`headers`), values possibly referencing environment variables.
    public var headers: [HTTPHeaderTemplate] = []
    /// Whether redirects are followed (`follow_redirects`); when not, a 3xx names its Location.
    public var followRedirects = false
    /// The proxy (`proxy`): nil takes the usual environment variables (`http_proxy`, `HTTPS_PROXY`,
    /// `NO_PROXY`, ...); empty means no proxy at all. Loopback is never proxied.
    public var proxy: String?
    /// Certificate verification and client certificate for `https://` URLs.
    public var tls = HTTPTLSOptions()

    /// Creates a target from its parts.
    public init(url: String, address: HostPort, path: String, expectStatus: [Int],
                statusField: String?, versionField: String?) {
        self.url = url
        self.address = address
        self.path = path
        self.expectStatus = expectStatus
        self.statusField = statusField
        self.versionField = versionField
    }

    /// Whether the URL is `https://`.
    public var isHTTPS: Bool { url.lowercased().hasPrefix("https://") }

    /// Whether `code` counts as success.
    public func accepts(status code: Int) -> Bool {
        expectStatus.isEmpty ? (200...299).contains(code) : expectStatus.contains(code)
    }
}
