import FoundationEssentials

/// One line of the audit log: the start or the end of one operator action.
///
/// A start and its end share an ``id``. A refused attempt is a single end record (it never started).
/// Nothing secret belongs here: commands carry DSNs without passwords and error texts are redacted.
public struct AuditRecord: Codable, Sendable, Equatable {
    /// Whether the record opens or closes an action.
    public enum Phase: String, Codable, Sendable {
        case start
        case end
    }

    /// When the record was written.
    public var time: Date
    /// Start or end.
    public var phase: Phase
    /// Pairs the start and end records of one attempt.
    public var id: String
    /// The environment acted on, e.g. `staging`.
    public var environment: String
    /// The action, e.g. `backup`, `restore`, `restart`.
    public var action: String
    /// What the action is aimed at (a service, a release, a backup file), when that applies.
    public var target: String?
    /// The exact argv of every command that runs (or ran), in order.
    public var commands: [[String]]
    /// Who: the operator's name (`$TOUCHLINE_OPERATOR`, else `$USER`, else the login name; `OperatorIdentity`).
    public var user: String
    /// The machine touchline ran on.
    public var host: String
    /// The touchline process.
    public var pid: Int32
    /// How it ended; nil on a start record.
    public var outcome: AuditOutcome?
    /// The exit status of the command that decided the outcome, when there was one.
    public var exitStatus: Int32?
    /// Seconds from start to end; nil on a start record.
    public var durationSeconds: Double?
    /// Facts about the result, e.g. `file`, `size`, `sha256`: numbers as JSON numbers (`downtime_seconds`,
    /// `size` in bytes), flags as JSON booleans. Records written before this rule may hold strings.
    public var details: [String: JSONValue]
    /// Why it failed or was refused.
    public var error: String?
    /// A digest of what the action's commands printed (end records of actions that ran commands).
    public var output: OutputDigest?

    /// Creates a record.
    public init(time: Date, phase: Phase, id: String, environment: String, action: String, target: String? = nil,
                commands: [[String]], user: String, host: String, pid: Int32, outcome: AuditOutcome? = nil,
                exitStatus: Int32? = nil, durationSeconds: Double? = nil, details: [String: JSONValue] = [:],
                error: String? = nil, output: OutputDigest? = nil) {
        self.time = time
        self.phase = phase
        self.id = id
        self.environment = environment
        self.action = action
        self.target = target
        self.commands = commands
        self.user = user
        self.host = host
        self.pid = pid
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.durationSeconds = durationSeconds
        self.details = details
        self.error = error
        self.output = output
    }

    private enum CodingKeys: String, CodingKey {
        case time, phase, id, environment, action, target, commands, user, host, pid, outcome, details, error, output
        case exitStatus = "exit_status"
        case durationSeconds = "duration_seconds"
    }

    /// Decodes a record; `details` and `commands` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        time = try container.decode(Date.self, forKey: .time)
        phase = try container.decode(Phase.self, forKey: .phase)
        id = try container.decode(String.self, forKey: .id)
        environment = try container.decode(String.self, forKey: .environment)
        action = try container.decode(String.self, forKey: .action)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        commands = try container.decodeIfPresent([[String]].self, forKey: .commands) ?? []
        user = try container.decode(String.self, forKey: .user)
        host = try container.decode(String.self, forKey: .host)
        pid = try container.decode(Int32.self, forKey: .pid)
        outcome = try container.decodeIfPresent(AuditOutcome.self, forKey: .outcome)
        exitStatus = try container.decodeIfPresent(Int32.self, forKey: .exitStatus)
        durationSeconds = try container.decodeIfPresent(Double.self, forKey: .durationSeconds)
        details = try container.decodeIfPresent([String: JSONValue].self, forKey: .details) ?? [:]
        error = try container.decodeIfPresent(String.self, forKey: .error)
        output = try container.decodeIfPresent(OutputDigest.self, forKey: .output)
    }

    /// The record as one JSON line, without the newline.
    public func jsonLine() throws -> String {
        String(decoding: try ActionJSON.encoder().encode(self), as: UTF8.self)
    }

    /// Parses JSON Lines text, skipping blank lines and lines that do not decode (e.g. torn by a crash).
    public static func parseLines(_ text: String) -> [AuditRecord] {
        let decoder = ActionJSON.decoder()
        return text.split(separator: "\n").compactMap { line in
            try? decoder.decode(AuditRecord.self, from: Data(line.utf8))
        }
    }
}
