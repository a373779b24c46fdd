import TouchlineCore

/// A point in monotonic time by which a check must be over.
public struct Deadline: Sendable {
    /// The instant the deadline falls on.
    public let instant: ContinuousClock.Instant
    /// The timeout it was made from, in seconds, for messages.
    public let timeout: Double

    /// A deadline `seconds` from now.
    public init(seconds: Double) {
        timeout = seconds
        instant = ContinuousClock.now.advanced(by: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Milliseconds left, rounded up, never negative: the argument for `poll()`.
    public var remainingMilliseconds: Int32 {
        let left = ContinuousClock.now.duration(to: instant)
        let ms = Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) / 1e15
        return ms <= 0 ? 0 : Int32(min(ms.rounded(.up), Double(Int32.max)))
    }

    /// Seconds left, never negative.
    public var remainingSeconds: Double { Double(remainingMilliseconds) / 1000 }

    /// The error a check reports when it ran out of time.
    public var timeoutError: ProbeFailure {
        ProbeFailure("timeout after \(DurationText.format(timeout))", deadlineExceeded: true)
    }
}
