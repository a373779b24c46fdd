import FoundationEssentials

/// The server's leaf certificate as read on a new TLS connection (curl's `CURLINFO_CERTINFO`).
public struct CertificateSummary: Sendable, Equatable {
    /// The subject, as OpenSSL prints it, e.g. `CN = api.example`.
    public var subject: String
    /// The issuer, same form.
    public var issuer: String
    /// The end of validity (`notAfter`).
    public var notAfter: Date
    /// The DNS names and addresses the certificate covers (subjectAltName, else the subject's CN).
    public var names: [String]

    /// Creates a summary.
    public init(subject: String, issuer: String, notAfter: Date, names: [String] = []) {
        self.subject = subject
        self.issuer = issuer
        self.notAfter = notAfter
        self.names = names
    }

    /// Days from `now` to the expiry, rounded to the nearest whole day; negative once expired.
    public func daysLeft(at now: Date) -> Int {
        Int(clampingFinite: (notAfter.timeIntervalSince(now) / 86400).rounded())
    }

    /// The expiry date as `YYYY-MM-DD` (UTC).
    public var notAfterDay: String { String(UTCTimestamp.format(notAfter).prefix(10)) }
}
