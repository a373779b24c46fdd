/// Why an answer from Prometheus could not be read: one line naming what was wrong and where.
public struct PrometheusResponseError: Error, Sendable, Equatable {
    /// The reason, e.g. `invalid JSON at byte 12: expected , or } in an object (near "x")`.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }
}
