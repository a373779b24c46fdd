/// Why an action step failed, in words fit for the operator and the audit log (never holding a secret).
public struct ActionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The exit status of the command that failed, when a command failed.
    public var exitStatus: Int32?

    /// Creates a failure.
    public init(_ message: String, exitStatus: Int32? = nil) {
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
