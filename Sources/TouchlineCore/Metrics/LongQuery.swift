/// The longest running statement seen by the postgres probe.
public struct LongQuery: Sendable, Equatable {
    /// How long it has been running, in seconds.
    public var seconds: Double
    /// Backend process id.
    public var pid: Int
    /// `application_name` of the client.
    public var application: String
    /// `state` of the backend (active, idle in transaction, ...).
    public var state: String
    /// First 200 characters of the statement.
    public var text: String

    /// Creates a long-query record.
    public init(seconds: Double, pid: Int, application: String, state: String, text: String) {
        self.seconds = seconds
        self.pid = pid
        self.application = application
        self.state = state
        self.text = text
    }
}
