import TouchlineCore

/// What libcurl reported about one exchange, successful or not.
struct CurlExchange {
    /// The final response; nil when the exchange failed.
    var response: HTTPResponse?
    /// Why it failed, in words; nil when it succeeded.
    var failure: ProbeFailure?
    /// The final response's protocol (`HTTP/1.1`, `HTTP/2`), from `CURLINFO_HTTP_VERSION`.
    var httpVersion: String?
    /// The TLS version of the connection (`TLSv1.3`), nil for plain http.
    var tlsVersion: String?
    /// The phases, from `CURLINFO_*_TIME_T`.
    var timings: HTTPTimings
    /// Whether a new connection had to be opened (`CURLINFO_NUM_CONNECTS` > 0).
    var newConnection: Bool
    /// The leaf certificate, when a TLS connection was opened by this exchange (`CURLINFO_CERTINFO`).
    var certificate: CertificateSummary?
    /// Where an unfollowed redirect points, as the server wrote it (the `Location` header).
    var location: String?
    /// The final response's status line, header lines and body start (nil when no response head came).
    var capture: HTTPResponseCapture?
}
