import FoundationEssentials

/// A one-line summary of a sample's numbers, for the check table and the Services pane.
public enum SampleSummary {
    /// The detail text: the error when there is one, otherwise the kind's headline numbers.
    ///
    /// An http sample whose certificate is not verified (`insecure = true`) starts with `⚠ insecure TLS · `;
    /// an up http sample shows its protocol (when not HTTP/1.1), TLS version and timing phases:
    /// `HTTP 200 · HTTP/2 · TLSv1.3 · dns 0.1 · connect 0.2 · tls 3.1 · ttfb 4.0 · total 4.1 ms`.
    public static func detail(_ sample: ProbeSample) -> String {
        if case .http(let http) = sample.metrics, http.insecure {
            return "⚠ insecure TLS · " + plainDetail(sample)
        }
        return plainDetail(sample)
    }

    private static func plainDetail(_ sample: ProbeSample) -> String {
        if case .prometheus(let prometheus) = sample.metrics { return PrometheusSummary.detail(prometheus, error: sample.error) }
        if let error = sample.error { return error }
        switch sample.metrics {
        case .none:
            return ""
        case .http(let http):
            var parts = ["HTTP \(http.statusCode)"]
            if let version = http.httpVersion, version != "HTTP/1.1" { parts.append(version) }
            if let version = http.tlsVersion { parts.append(version) }
            if let timings = http.timings { parts.append(timings.summary) }
            return parts.joined(separator: " · ")
        case .postgres(let pg):
            var parts = ["conns \(pg.bindingLimit.usage)", "active \(pg.active)"]
            if pg.waiting > 0 { parts.append("waiting \(pg.waiting)") }
            if let wait = pg.lockWait { parts.append(wait.description) }
            if let idle = pg.oldestIdleTransaction, let age = idle.transactionSeconds {
                parts.append("pid \(idle.pid) \(idle.state) \(PostgresSession.age(age))")
            }
            if let ratio = pg.cacheHitRatio { parts.append("cache " + DecimalText.fixed(ratio * 100, digits: 1) + "%") }
            parts.append(ByteText.format(pg.databaseSizeBytes))
            return parts.joined(separator: " · ")
        case .redis(let redis):
            let limit = redis.maxmemory.map { $0 > 0 ? "/\(ByteText.format($0))" : "" } ?? "/limit unknown"
            return ["mem \(ByteText.format(redis.usedMemory))\(limit)", "clients \(redis.connectedClients)",
                    "ops \(redis.opsPerSec)/s"].joined(separator: " · ")
        case .prometheus(let prometheus):
            return PrometheusSummary.detail(prometheus, error: nil)
        }
    }
}
