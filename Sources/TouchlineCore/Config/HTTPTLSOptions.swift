/// How an https probe verifies the server and presents itself.
public struct HTTPTLSOptions: Sendable, Equatable {
    /// The default of `cert_expiry_warn`: 14 days, in seconds.
    public static let defaultExpiryWarn = 14.0 * 86400

    /// A PEM file of CA certificates to trust instead of the system store (`ca_file`), absolute.
    public var caFile: String?
    /// A PEM client certificate for mutual TLS (`client_cert`), absolute.
    public var clientCert: String?
    /// The PEM private key of ``clientCert`` (`client_key`), absolute.
    public var clientKey: String?
    /// Skip verification of the server's certificate and name (`insecure = true`); shown with a warning.
    public var insecure = false
    /// Seconds before the leaf certificate's expiry at which the probe turns degraded (`cert_expiry_warn`).
    public var expiryWarn = HTTPTLSOptions.defaultExpiryWarn

    /// Options that trust the system CA store and verify everything.
    public init() {}
}
