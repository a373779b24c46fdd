/// Why an alert source's answer could not be used, in one line naming the source and the request: unreachable,
/// too slow, an HTTP error, a body that is not the JSON expected, or Prometheus' `{"status":"error"}`.
public struct AlertSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public var message: String
    /// The HTTP status when the source answered with an error status; nil when it was not reached (refused,
    /// timed out) or its answer was unusable: "Alertmanager refused" is said only with a status.
    public var status: Int?
    /// Creates the error.
    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }
    public var description: String { message }
}
