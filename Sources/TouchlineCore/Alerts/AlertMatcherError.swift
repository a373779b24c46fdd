/// Why a matcher's text was not accepted, in one sentence.
public struct AlertMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
