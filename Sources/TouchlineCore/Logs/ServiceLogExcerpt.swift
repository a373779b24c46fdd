/// The last lines of one service's log as an incident snapshot keeps them (`logs` in its JSON, a section
/// per service in its Markdown).
public struct ServiceLogExcerpt: Sendable, Equatable {
    /// The service (`[environments.NAME.logs.SERVICE]`).
    public var service: String
    /// Where the lines came from (``LogSourceConfig/description``).
    public var source: String
    /// The lines, oldest first (secrets replaced by `***`).
    public var lines: [String]
    /// Why the log could not be read (or the command failed), when it could not.
    public var error: String?

    /// An excerpt.
    public init(service: String, source: String, lines: [String], error: String? = nil) {
        self.service = service
        self.source = source
        self.lines = lines
        self.error = error
    }

    /// Lines a snapshot keeps per service.
    public static let snapshotLines = 200
}
