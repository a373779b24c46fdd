/// What one poll of a prometheus probe read: the value that set its status, the sub-rows of a `by` probe,
/// and how many series the query returned.
public struct PrometheusSnapshot: Sendable, Equatable {
    /// The value shown for the probe: the only series', or the worst series' / sub-row's under the
    /// thresholds; nil when there was no data.
    public var value: Double?
    /// The probe's unit (`unit`), for showing ``value`` and the rows.
    public var unit: MetricUnit?
    /// The label of `by`, nil for a single-value probe.
    public var by: String?
    /// The sub-rows of a `by` probe, sorted by label value; empty otherwise. Only the newest sample of a
    /// probe keeps them (``ProbeMetrics/retained``): a 5,000-row answer is not kept 900 times over.
    public var rows: [PrometheusRow]
    /// How many series the query returned.
    public var seriesCount: Int
    /// The labels of the series that set ``value`` (none for a scalar), e.g. `instance="10.0.0.7:9100"`.
    public var worstLabels: [String: String]

    /// Creates a snapshot.
    public init(value: Double?, unit: MetricUnit?, by: String? = nil, rows: [PrometheusRow] = [], seriesCount: Int,
                worstLabels: [String: String] = [:]) {
        self.value = value
        self.unit = unit
        self.by = by
        self.rows = rows
        self.seriesCount = seriesCount
        self.worstLabels = worstLabels
    }

    /// The value in its unit (`93.2 %`, `1.23 s`), `no data` when there is none.
    public var valueText: String {
        value.map { MetricUnit.format($0, unit: unit) } ?? "no data"
    }

    /// The values of a `by` probe by label (NaN rows left out), for `touchline check --json`'s `values`.
    public var valuesByLabel: [String: Double] {
        var values: [String: Double] = [:]
        for row in rows { if let value = row.value { values[row.label] = value } }
        return values
    }
}
