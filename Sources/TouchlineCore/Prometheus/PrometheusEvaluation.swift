/// Turns a Prometheus answer into a prometheus probe's status, reason and snapshot (pure; the checker and
/// the bench call it).
public enum PrometheusEvaluation {
    /// The outcome of one poll.
    public struct Outcome: Sendable, Equatable {
        public var status: ProbeStatus
        /// Why it is not up, in words (a breached threshold, `no data`, the error Prometheus reported).
        public var error: String?
        public var snapshot: PrometheusSnapshot?

        /// Creates an outcome.
        public init(status: ProbeStatus, error: String? = nil, snapshot: PrometheusSnapshot? = nil) {
            self.status = status
            self.error = error
            self.snapshot = snapshot
        }
    }

    /// The label value shown for series that do not carry the `by` label.
    public static let missingLabel = "(none)"

    /// Judges `result` under `target`'s thresholds.
    ///
    /// A rejected query is down with Prometheus's own words and the query. An empty vector (or only NaN
    /// values) takes `no_data`. Without `by`, several series are judged one by one and the worst sets the
    /// status and the value shown; with `by`, series are grouped by that label (the worst of a group is its
    /// row), rows are sorted by label, and the worst row sets the probe.
    public static func evaluate(_ result: PrometheusQueryResult, target: PrometheusProbeTarget) -> Outcome {
        let series: [PrometheusSeries]
        switch result {
        case .error(let type, let message):
            return Outcome(status: .down, error: "query rejected (\(type)): \(message) — query: \(target.query)", snapshot: nil)
        case .success(let resultType, let found):
            switch resultType {
            case "vector", "scalar": series = found
            case "matrix":
                return Outcome(status: .down, error: "query returns a range vector (matrix); use an instant vector, e.g. rate(x[1m]) — query: \(target.query)",
                               snapshot: nil)
            default:
                return Outcome(status: .down, error: "query returns a \(resultType), not a number — query: \(target.query)", snapshot: nil)
            }
        }
        if let by = target.by { return grouped(series, by: by, target: target) }
        var worst: PrometheusSeries?
        var worstRank = (status: ProbeStatus.up, badness: -Double.infinity)
        for item in series where !item.value.isNaN {
            let rank = (status: target.judge(item.value).status, badness: badness(item.value, target.direction))
            if worst == nil || rank.status > worstRank.status || (rank.status == worstRank.status && rank.badness > worstRank.badness) {
                worst = item
                worstRank = rank
            }
        }
        guard let worst else {
            let snapshot = PrometheusSnapshot(value: nil, unit: target.unit, seriesCount: series.count)
            return noData(target: target, snapshot: snapshot)
        }
        let snapshot = PrometheusSnapshot(value: worst.value, unit: target.unit, seriesCount: series.count, worstLabels: worst.labels)
        let (status, threshold) = target.judge(worst.value)
        var error: String?
        if let threshold {
            error = breachText(worst.value, threshold: threshold, target: target)
            if series.count > 1 { error = (error ?? "") + " (worst of \(series.count) series: \(labelText(worst.labels)))" }
        }
        return Outcome(status: status, error: error, snapshot: snapshot)
    }

    private static func grouped(_ series: [PrometheusSeries], by label: String, target: PrometheusProbeTarget) -> Outcome {
        var groups: [String: Double?] = [:]
        groups.reserveCapacity(series.count)
        for item in series {
            let key = item.labels[label] ?? missingLabel
            let value: Double? = item.value.isNaN ? nil : item.value
            if let existing = groups[key] {
                // The worse of two series with the same label value.
                guard let value else { continue }
                if let old = existing, badness(old, target.direction) >= badness(value, target.direction) { continue }
            }
            groups[key] = value
        }
        var rows: [PrometheusRow] = []
        rows.reserveCapacity(groups.count)
        for (key, value) in groups {
            rows.append(PrometheusRow(label: key, value: value, status: value.map { target.judge($0).status } ?? target.noData))
        }
        rows.sort { $0.label < $1.label }
        var worstIndex: Int?
        for (index, row) in rows.enumerated() {
            guard let current = worstIndex else { worstIndex = index; continue }
            let best = rows[current]
            if row.status > best.status
                || (row.status == best.status && badness(row.value, target.direction) > badness(best.value, target.direction)) {
                worstIndex = index
            }
        }
        guard let worstIndex, rows.contains(where: { $0.value != nil }) else {
            let snapshot = PrometheusSnapshot(value: nil, unit: target.unit, by: label, rows: rows, seriesCount: series.count)
            return noData(target: target, snapshot: snapshot)
        }
        let worst = rows[worstIndex]
        let snapshot = PrometheusSnapshot(value: worst.value, unit: target.unit, by: label, rows: rows, seriesCount: series.count,
                                          worstLabels: [label: worst.label])
        guard worst.status != .up else { return Outcome(status: .up, error: nil, snapshot: snapshot) }
        let others = rows.filter { $0.status != .up }.count - 1
        let more = others > 0 ? " (+\(others) more)" : ""
        let reason: String
        if let value = worst.value, let threshold = target.judge(value).threshold {
            reason = "\(label)=\(worst.label): " + breachText(value, threshold: threshold, target: target)
        } else {
            reason = "\(label)=\(worst.label): no data"
        }
        return Outcome(status: worst.status, error: reason + more, snapshot: snapshot)
    }

    private static func noData(target: PrometheusProbeTarget, snapshot: PrometheusSnapshot) -> Outcome {
        Outcome(status: target.noData, error: target.noData == .up ? nil : "no data", snapshot: snapshot)
    }

    /// How bad a value is on the probe's bad side (larger is worse); NaN/nil least bad.
    private static func badness(_ value: Double?, _ direction: ThresholdDirection) -> Double {
        guard let value, !value.isNaN else { return -Double.infinity }
        return direction == .above ? value : -value
    }

    /// `93.2 % ≤ 85.0 %`.
    private static func breachText(_ value: Double, threshold: Double, target: PrometheusProbeTarget) -> String {
        "\(MetricUnit.format(value, unit: target.unit)) \(target.direction.sign) \(MetricUnit.format(threshold, unit: target.unit))"
    }

    /// `instance="a", job="b"` without `__name__`, sorted.
    public static func labelText(_ labels: [String: String]) -> String {
        let text = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return text.isEmpty ? "{}" : text.joined(separator: ", ")
    }
}
