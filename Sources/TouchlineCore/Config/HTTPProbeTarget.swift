/// What an http probe requests and how it judges the answer.
public struct HTTPProbeTarget: Sendable, Equatable {
    /// The URL as written in the config.
    public var url: String
    /// Host and port taken from the URL.
    public var address: HostPort
    /// Path and query sent in the request line.
    public var path: String
    /// Status codes that count as success; empty means any 2xx.
    public var expectStatus: [Int]
    /// Dotted path of a JSON field whose value (healthy/ok/up, degraded, other) sets the status.
    public var statusField: String?
    /// Dotted path of a JSON field holding the deployed release.
    public var versionField: String?

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

    /// Whether `code` counts as success.
    public func accepts(status code: Int) -> Bool {
        expectStatus.isEmpty ? (200...299).contains(code) : expectStatus.contains(code)
    }
}
