/// One redis probe's diagnostics as a report keeps them (`touchline redis-info`, the incident snapshot): the
/// reading, or the one line saying why the server could not be read at all.
public struct RedisDiagnosticsOutcome: Sendable, Equatable {
    /// The probe's name.
    public var probe: String
    /// The server's `host:port`.
    public var address: String
    /// The reading, when the server answered.
    public var diagnostics: RedisDiagnostics?
    /// Why there is no reading (unreachable, `AUTH` refused, timed out).
    public var error: String?

    /// Creates an outcome.
    public init(probe: String, address: String, diagnostics: RedisDiagnostics?, error: String?) {
        self.probe = probe
        self.address = address
        self.diagnostics = diagnostics
        self.error = error
    }

    /// The JSON: the reading's document (``RedisDiagnosticsJSON``), or `{"probe", "address", "error"}`.
    public var json: JSONValue {
        diagnostics.map(RedisDiagnosticsJSON.document)
            ?? RedisDiagnosticsJSON.failure(probe: probe, address: address, error: error ?? "no answer")
    }
}
