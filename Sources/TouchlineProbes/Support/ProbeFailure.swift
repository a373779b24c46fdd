/// Why a check failed, in words fit for the Services pane.
public struct ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message shown to the operator.
    public var message: String
    /// True when the failure says nothing about the service (e.g. a kept connection had gone stale).
    public var connectionLost: Bool
    /// True when the check ran out of its deadline (the probe's timeout): the sample then carries the
    /// timeout as a lower bound of its latency.
    public var deadlineExceeded: Bool

    /// Creates a failure with `message`.
    public init(_ message: String, connectionLost: Bool = false, deadlineExceeded: Bool = false) {
        self.message = message
        self.connectionLost = connectionLost
        self.deadlineExceeded = deadlineExceeded
    }

    public var description: String { message }
}
