/// Why an alert source's answer could not be used, in one line naming the source and the request: unreachable,
/// too slow, an HTTP error, a body that is not the JSON expected, or Prometheus' `{"status":"error"}`.
public struct AlertSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
