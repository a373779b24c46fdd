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
        return sorted[rank(p, count: sorted.count) - 1]
    }

    /// The `p`-th percentile of values some of which are only lower bounds (`atLeast`: a check that ran
    /// out of its deadline, whose real latency is its timeout or more), sorted by ``sortedBounds(_:)``.
    ///
    /// The value is exact when no lower bound ranks at or below the percentile's rank; otherwise the real
    /// percentile can only be higher, and the result says so with `atLeast`. Nil when empty.
    public static func bound(_ p: Double, ofSorted sorted: [(value: Double, atLeast: Bool)]) -> (value: Double, atLeast: Bool)? {
        guard !sorted.isEmpty else { return nil }
        let index = rank(p, count: sorted.count) - 1
        return (sorted[index].value, sorted[...index].contains { $0.atLeast })
    }

    /// Sorts values with their lower-bound flags ascending; at equal values exact ones come first, so a
    /// bound is never ranked below an exact value it equals.
    public static func sortedBounds(_ values: [(value: Double, atLeast: Bool)]) -> [(value: Double, atLeast: Bool)] {
        values.sorted { $0.value != $1.value ? $0.value < $1.value : (!$0.atLeast && $1.atLeast) }
    }

    /// The 1-based nearest rank of the `p`-th percentile among `count` values.
    private static func rank(_ p: Double, count: Int) -> Int {
        min(max(Int(clampingFinite: (p / 100 * Double(count)).rounded(.up)), 1), count)
    }
}
