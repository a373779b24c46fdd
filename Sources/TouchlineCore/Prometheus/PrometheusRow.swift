/// One sub-row of a prometheus probe with `by = "label"`: a label value, its number and the status it leads to.
public struct PrometheusRow: Sendable, Equatable {
    /// The value of the `by` label (`(none)` for series without it).
    public var label: String
    /// The number; nil when the series' value is NaN (no data).
    public var value: Double?
    /// The status under the probe's thresholds (`no_data` for a NaN).
    public var status: ProbeStatus

    /// Creates a row.
    public init(label: String, value: Double?, status: ProbeStatus) {
        self.label = label
        self.value = value
        self.status = status
    }
}
