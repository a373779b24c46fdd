import FoundationEssentials

/// A stretch of time in which a probe was not polled because its environment was not the one shown.
public struct UnpolledSpan: Sendable, Equatable {
    /// When polling stopped (the switch away).
    public var from: Date
    /// When it started again (the switch back); nil while the environment is still not shown.
    public var to: Date?

    /// Creates a span starting at `from`, open until `to`.
    public init(from: Date, to: Date? = nil) {
        self.from = from
        self.to = to
    }

    /// Seconds of this span inside `start...end` (an open span runs to `end`).
    public func seconds(between start: Date, and end: Date) -> Double {
        let lower = max(from, start)
        let upper = min(to ?? end, end)
        return max(0, upper.timeIntervalSince(lower))
    }
}
