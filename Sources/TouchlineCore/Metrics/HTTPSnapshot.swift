/// What one HTTP exchange showed besides the verdict: status, protocol, timing phases, certificate.
public struct HTTPSnapshot: Sendable, Equatable {
    /// The final response's status code (after any 1xx and, when followed, redirects); 0 when none came.
    public var statusCode: Int
    /// The final response's protocol: `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` or `HTTP/3`; nil when none came.
    public var httpVersion: String?
    /// The TLS version of the connection, e.g. `TLSv1.3`; nil for plain http.
    public var tlsVersion: String?
    /// The phases of the exchange; nil when nothing was measured.
    public var timings: HTTPTimings?
    /// The leaf certificate of the connection (read when it was opened); nil for plain http.
    public var certificate: CertificateSummary?
    /// The Location of an unfollowed redirect.
    public var location: String?
    /// True when the certificate was not verified (`insecure = true`).
    public var insecure: Bool
    /// The newest response's status line, headers and body start; the checker fills it, the dashboard
    /// moves it to ``ProbeState/lastResponse`` and drops it from the sample kept in the window.
    public var capture: HTTPResponseCapture?

    /// Creates a snapshot.
    public init(statusCode: Int, httpVersion: String? = nil, tlsVersion: String? = nil, timings: HTTPTimings? = nil,
                certificate: CertificateSummary? = nil, location: String? = nil, insecure: Bool = false) {
        self.statusCode = statusCode
        self.httpVersion = httpVersion
        self.tlsVersion = tlsVersion
        self.timings = timings
        self.certificate = certificate
        self.location = location
        self.insecure = insecure
    }
}
