import TouchlineCore

/// One HTTP request as libcurl is told to send it.
struct CurlRequest {
    /// The full URL, e.g. `https://[::1]:8443/health`.
    var url: String
    /// The host and port of the URL, for messages.
    var address: HostPort
    /// The method, upper case.
    var method = "GET"
    /// Header lines `Name: value`, already resolved (may hold secrets: never print them).
    var headers: [String] = []
    /// The body, when one is sent.
    var body: [UInt8]?
    /// The whole exchange's deadline in seconds, connect to last byte (`CURLOPT_TIMEOUT_MS`).
    var timeout: Double
}
