/// Why a check failed, in words fit for the Services pane.
public struct ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message shown to the operator.
    public var message: String
    /// True when the failure says nothing about the service (e.g. a kept connection had gone stale).
    public var connectionLost: Bool

    /// Creates a failure with `message`.
    public init(_ message: String, connectionLost: Bool = false) {
        self.message = message
        self.connectionLost = connectionLost
    }

    public var description: String { message }
}
