/// A check that some numeric JSON fields add up to a total, e.g. probabilities summing to 1.
public struct RehearsalSumCheck: Sendable, Equatable {
    /// Dotted paths of the numbers to add, e.g. `prediction.home_win`.
    public var fields: [String]
    /// The total they must reach.
    public var equals: Double
    /// How far from ``equals`` the sum may be.
    public var tolerance: Double

    /// Creates a sum check.
    public init(fields: [String], equals: Double, tolerance: Double) {
        self.fields = fields
        self.equals = equals
        self.tolerance = tolerance
    }
}
