/// Which side of a prometheus probe's thresholds is bad (`direction`).
public enum ThresholdDirection: String, Sendable, Equatable {
    /// A value at or over a threshold is bad (latency, error rate): the default.
    case above
    /// A value at or under a threshold is bad (success rate, free space).
    case below

    /// Whether `value` has reached `threshold` on the bad side (inclusive: ≥ above, ≤ below).
    public func breaches(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .above: return value >= threshold
        case .below: return value <= threshold
        }
    }

    /// The comparison sign shown with a breached threshold: `≥` or `≤`.
    public var sign: String { self == .above ? "≥" : "≤" }
}
