/// One series of an instant-query answer: its labels and its value at the query's time.
public struct PrometheusSeries: Sendable, Equatable {
    /// The series' labels (`metric` in the answer), `__name__` included when Prometheus keeps it.
    public var labels: [String: String]
    /// The sample value (`value[1]`, a string in the answer: `"0.93"`, `"NaN"`, `"+Inf"`).
    public var value: Double

    /// Creates a series.
    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }
}
