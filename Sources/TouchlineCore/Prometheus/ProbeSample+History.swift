extension ProbeSample {
    /// The number a probe's sparkline draws for this sample: a prometheus probe's value (nil for no data),
    /// every other probe's latency.
    public var historyValue: Double? {
        if case .prometheus(let snapshot) = metrics { return snapshot.value.flatMap { $0.isFinite ? $0 : nil } }
        return latency
    }

    /// This sample as one column of a sparkline: a prometheus value even when the value made the probe down
    /// (the history shows how it got there); for other probes and for a prometheus poll that read no value,
    /// a failure when down, else the latency.
    public var historyPoint: HistoryPoint {
        if case .prometheus(let snapshot) = metrics, let value = snapshot.value, value.isFinite { return .latency(value) }
        if status == .down || { if case .prometheus = metrics { return true } else { return false } }() { return .failure }
        return latency.map(HistoryPoint.latency) ?? .failure
    }
}
