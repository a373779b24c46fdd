import TouchlineCore

/// How a switch of the application's release ended (a deploy or a rollback), with what was measured.
public struct ReleaseSwitchOutcome: Sendable, Equatable {
    /// Whether the probe ended up up and reporting the release.
    public var succeeded: Bool
    /// A sentence with the measured figures, or why it failed.
    public var message: String
    /// Seconds the probe was not up on the way (nil when the release never came up or nothing ran).
    public var downtime: Double?
    /// Seconds from starting the command to the end (0 when it never ran).
    public var total: Double
    /// Whether the command was started (a refusal starts nothing).
    public var commandRan: Bool
    /// The last lines of the command's output when it failed.
    public var outputTail: String?
    /// How it ended as the audit log says: ok, failed, refused (nothing ran) or cancelled.
    public var outcome: AuditOutcome
    /// When the switch ran but did not succeed: the release the probe reported right after it stopped
    /// (one check), or `not reported` when the probe gave no version (down, or no version field).
    public var leftOn: String?
    /// The config snapshot taken right before the command (when the environment lists config files).
    public var configSnapshot: String?

    /// Creates an outcome.
    public init(succeeded: Bool, message: String, downtime: Double? = nil, total: Double = 0, commandRan: Bool = false,
                outputTail: String? = nil, outcome: AuditOutcome? = nil, leftOn: String? = nil) {
        self.succeeded = succeeded
        self.message = message
        self.downtime = downtime
        self.total = total
        self.commandRan = commandRan
        self.outputTail = outputTail
        self.outcome = outcome ?? (succeeded ? .ok : .failed)
        self.leftOn = leftOn
    }
}
