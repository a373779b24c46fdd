/// How a prometheus probe's snapshot reads in the Services detail column and in `touchline check --json`.
public enum PrometheusSummary {
    /// The detail text: the value in its unit, or the reason when not up (which starts with the value); for
    /// `by` probes the reason, then the first rows: `93.2 %`, `79.0 % ≤ 85.0 %`, `matches 5000 · predictions 12 · teams 40`,
    /// `no data`.
    public static func detail(_ snapshot: PrometheusSnapshot, error: String?) -> String {
        var parts: [String] = []
        if let by = snapshot.by {
            if let error { parts.append(error) }
            let shown = snapshot.rows.prefix(4).map { "\($0.label) \($0.value.map { MetricUnit.format($0, unit: snapshot.unit) } ?? "no data")" }
            parts.append(contentsOf: shown)
            if snapshot.rows.count > 4 { parts.append("\(snapshot.rows.count) \(by)s") }
            if snapshot.rows.isEmpty && error == nil { parts.append("no series") }
            return parts.joined(separator: " · ")
        }
        // A breached threshold's reason starts with the value itself (`79.0 % ≤ 85.0 %`).
        if let error { return error }
        parts.append(snapshot.valueText)
        if snapshot.seriesCount > 1 { parts.append("worst of \(snapshot.seriesCount) series") }
        return parts.joined(separator: " · ")
    }

    /// `metrics` of a prometheus probe in `touchline check --json`: `value`, `unit`, `series`, and for `by`
    /// probes `by` and `rows` (label, value, status).
    public static func metricsJSON(_ snapshot: PrometheusSnapshot) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "value": .number(snapshot.value.flatMap { $0.isFinite ? $0 : nil }),
            "unit": .string(snapshot.unit?.rawValue),
            "series": .integer(Int64(snapshot.seriesCount)),
        ]
        if let by = snapshot.by {
            object["by"] = .string(by)
            object["rows"] = .array(snapshot.rows.map { row in
                .object(["label": .string(row.label), "value": .number(row.value.flatMap { $0.isFinite ? $0 : nil }),
                         "status": .string(row.status.rawValue)])
            })
        }
        return object
    }

    /// The probe-level fields `touchline check --json` adds for a prometheus probe: `value` (null for no
    /// data) and, with `by`, `values` (label → number). Empty for other kinds.
    public static func checkFields(_ metrics: ProbeMetrics) -> [String: JSONValue] {
        guard case .prometheus(let snapshot) = metrics else { return [:] }
        var fields: [String: JSONValue] = ["value": .number(snapshot.value.flatMap { $0.isFinite ? $0 : nil })]
        if snapshot.by != nil {
            fields["values"] = .object(snapshot.valuesByLabel.filter { $0.value.isFinite }.mapValues { .number($0) })
        }
        return fields
    }
}
