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
        instant = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: (seconds * 1000).rounded())))
    }

    private init(instant: ContinuousClock.Instant, timeout: Double) {
        self.instant = instant
        self.timeout = timeout
    }

    /// The deadline for the first of `count` attempts still to make (one per resolved address): an
    /// equal share of the time left, so an address that never answers cannot starve the ones after it;
    /// the last attempt gets all that is left. Timeout messages still name the whole timeout.
    public func share(among count: Int) -> Deadline {
        guard count > 1 else { return self }
        let left = ContinuousClock.now.duration(to: instant)
        guard left > .zero else { return self }
        return Deadline(instant: ContinuousClock.now.advanced(by: left / count), timeout: timeout)
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
