/// Nearest-rank percentiles over a list of values.
public enum Percentiles {
    /// The `p`-th percentile (0...100) of `values` by the nearest-rank method; nil when empty.
    public static func value(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return value(p, ofSorted: values.sorted())
    }

    /// The same for values already sorted ascending.
    public static func value(_ p: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
