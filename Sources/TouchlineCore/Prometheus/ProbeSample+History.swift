extension ProbeSample {
    /// The number a probe's sparkline draws for this sample: a prometheus probe's value (nil for no data),
    /// every other probe's latency.
    public var historyValue: Double? {
        if case .prometheus(let snapshot) = metrics { return snapshot.value.flatMap { $0.isFinite ? $0 : nil } }
        return latency
    }
}
