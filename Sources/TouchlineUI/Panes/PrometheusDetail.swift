import TouchlineCore

/// The prometheus part of a probe's detail view: the query, its thresholds in words, the value, and every
/// sub-row of a `by` probe (worst first), as grafterm shows a panel's series.
enum PrometheusDetail {
    /// Appends the part for `probe` (a prometheus probe reading `target`) to `rows`.
    static func append(_ probe: ProbeState, target: PrometheusProbeTarget, into rows: inout DetailRows) {
        rows.blank()
        rows.field("query", target.query)
        rows.field("thresholds", thresholds(target))
        guard case .prometheus(let snapshot)? = probe.latest?.metrics else { return }
        rows.field("value", snapshot.valueText + (snapshot.worstLabels.isEmpty ? "" : " (\(PrometheusEvaluation.labelText(snapshot.worstLabels)))"),
                   role: StatusStyle.role(probe.latest?.status ?? .unknown))
        rows.field("series", "\(snapshot.seriesCount)")
        guard let by = snapshot.by, !snapshot.rows.isEmpty else { return }
        rows.blank()
        rows.heading("\(TextFit.pad(by, to: 32)) \(TextFit.pad("value", to: 12, alignment: .right))  status")
        let ordered = snapshot.rows.filter { $0.status != .up } + snapshot.rows.filter { $0.status == .up }
        for row in ordered {
            let value = row.value.map { MetricUnit.format($0, unit: snapshot.unit) } ?? "no data"
            rows.plain("\(TextFit.pad(row.label, to: 32)) \(TextFit.pad(value, to: 12, alignment: .right))  \(StatusStyle.label(row.status))",
                       role: row.status == .up ? .text : StatusStyle.role(row.status))
        }
    }

    /// `degraded ≤ 85.0 %, down ≤ 70.0 %; no data: degraded`.
    static func thresholds(_ target: PrometheusProbeTarget) -> String {
        var parts: [String] = []
        if let degraded = target.degraded { parts.append("degraded \(target.direction.sign) \(MetricUnit.format(degraded, unit: target.unit))") }
        if let down = target.down { parts.append("down \(target.direction.sign) \(MetricUnit.format(down, unit: target.unit))") }
        if parts.isEmpty { parts.append("none (always up while Prometheus answers)") }
        return parts.joined(separator: ", ") + "; no data: \(target.noData.rawValue)" + (target.by.map { "; one row per \($0), the worst sets the status" } ?? "")
    }
}
