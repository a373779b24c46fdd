/// One column of a latency history (sparkline, graph): a latency, a failed check, or a stretch of time
/// in which the probe was not polled at all.
public enum HistoryPoint: Sendable, Equatable {
    /// An answered check's latency in seconds.
    case latency(Double)
    /// A check that failed (down): no latency to draw.
    case failure
    /// The probe was not polled here (its environment was not shown): one column however long.
    case gap

    /// The latency, nil for failures and gaps.
    public var latency: Double? {
        if case .latency(let seconds) = self { return seconds }
        return nil
    }
}
