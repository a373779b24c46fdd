import Foundation

/// A one-line summary of a sample's numbers, for the check table and the Services pane.
public enum SampleSummary {
    /// The detail text: the error when there is one, otherwise the kind's headline numbers.
    public static func detail(_ sample: ProbeSample) -> String {
        if let error = sample.error { return error }
        switch sample.metrics {
        case .none:
            return ""
        case .http(let code):
            return "HTTP \(code)"
        case .postgres(let pg):
            var parts = ["conns \(pg.bindingLimit.usage)", "active \(pg.active)"]
            if pg.waiting > 0 { parts.append("waiting \(pg.waiting)") }
            if let wait = pg.lockWait { parts.append(wait.description) }
            if let idle = pg.oldestIdleTransaction, let age = idle.transactionSeconds {
                parts.append("pid \(idle.pid) \(idle.state) \(PostgresSession.age(age))")
            }
            if let ratio = pg.cacheHitRatio { parts.append(String(format: "cache %.1f%%", ratio * 100)) }
            parts.append(ByteText.format(pg.databaseSizeBytes))
            return parts.joined(separator: " · ")
        case .redis(let redis):
            let limit = redis.maxmemory.map { $0 > 0 ? "/\(ByteText.format($0))" : "" } ?? "/limit unknown"
            return ["mem \(ByteText.format(redis.usedMemory))\(limit)", "clients \(redis.connectedClients)",
                    "ops \(redis.opsPerSec)/s"].joined(separator: " · ")
        }
    }
}
