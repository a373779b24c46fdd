import FoundationEssentials

/// Reads the keys of a `kind = "prometheus"` probe table into a ``PrometheusProbeTarget``, refusing bad
/// combinations at load (a threshold pair that can never show degraded, an unknown unit or direction).
enum PrometheusTargetParser {
    /// The keys a prometheus probe may set besides the common ones.
    static let keys = ["url", "query", "unit", "degraded", "down", "direction", "by", "no_data"]

    /// Parses the target of probe `name`.
    static func parse(_ reader: inout TableReader, name: String) throws -> PrometheusProbeTarget {
        let url = try reader.requiredString("url", for: "for prometheus probe '\(name)' (Prometheus's base URL, e.g. http://127.0.0.1:9090)")
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              var host = components.host, !host.isEmpty else {
            throw reader.error("url", "malformed URL \"\(url)\" (use Prometheus's base URL, e.g. http://127.0.0.1:9090)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw reader.error("url", "unsupported scheme '\(scheme)' in \"\(url)\" (use http or https)")
        }
        guard components.query == nil, !components.path.contains("/api/v1") else {
            throw reader.error("url", "give Prometheus's base URL (e.g. http://127.0.0.1:9090), not \"\(url)\": the probe adds /api/v1/query")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { throw reader.error("url", "port \(port) out of range in \"\(url)\"") }
        let query = try reader.requiredString("query", for: "for prometheus probe '\(name)' (a PromQL expression)")
        guard !query.allSatisfy(\.isWhitespace) else { throw reader.error("query", "the PromQL query is empty") }
        var target = PrometheusProbeTarget(url: url, address: HostPort(host: host, port: port), query: query)
        if let unit = try reader.string("unit") {
            guard let parsed = MetricUnit(rawValue: unit) else {
                throw reader.error("unit", "unknown unit '\(unit)' (use \(MetricUnit.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            target.unit = parsed
        }
        target.degraded = try finite(&reader, "degraded")
        target.down = try finite(&reader, "down")
        if let direction = try reader.string("direction") {
            guard let parsed = ThresholdDirection(rawValue: direction) else {
                throw reader.error("direction", "unknown direction '\(direction)' (use \"above\" or \"below\")")
            }
            target.direction = parsed
        }
        if let degraded = target.degraded, let down = target.down, target.direction.breaches(degraded, down) {
            let order = target.direction == .above ? "below" : "above"
            throw reader.error("degraded", "degraded (\(MetricUnit.plain(degraded))) must be \(order) down (\(MetricUnit.plain(down))) "
                               + "with direction = \"\(target.direction.rawValue)\", or degraded would never show")
        }
        if let by = try reader.string("by") {
            guard let first = by.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic),
                  by.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }) else {
                throw reader.error("by", "\"\(by)\" is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)")
            }
            target.by = by
        }
        if let noData = try reader.string("no_data") {
            guard let status = ProbeStatus(rawValue: noData), status != .unknown else {
                throw reader.error("no_data", "unknown status '\(noData)' (use \"down\", \"degraded\" or \"up\")")
            }
            target.noData = status
        }
        return target
    }

    private static func finite(_ reader: inout TableReader, _ key: String) throws -> Double? {
        guard let value = try reader.number(key) else { return nil }
        guard value.isFinite else { throw reader.error(key, "the threshold must be a finite number") }
        return value
    }
}
