import FoundationEssentials

/// Who holds an environment's action lock: the note written into the lock file.
public struct LockHolder: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The action running, e.g. `backup`.
    public var action: String
    /// The environment the lock belongs to.
    public var environment: String
    /// The process holding the lock.
    public var pid: Int32
    /// The operator's name (`$TOUCHLINE_OPERATOR`, else `$USER`, else the login name).
    public var user: String
    /// The machine the process runs on.
    public var host: String
    /// When the lock was taken.
    public var startedAt: Date

    /// Creates a note.
    public init(action: String, environment: String, pid: Int32, user: String, host: String, startedAt: Date) {
        self.action = action
        self.environment = environment
        self.pid = pid
        self.user = user
        self.host = host
        self.startedAt = startedAt
    }

    private enum CodingKeys: String, CodingKey {
        case action, environment, pid, user, host
        case startedAt = "started_at"
    }

    /// `backup by alice@ops-1 (pid 4242) since 2025-03-01T02:14:07.123Z`.
    public var description: String {
        "\(action) by \(user)@\(host) (pid \(pid)) since \(ActionJSON.format(startedAt))"
    }
}
