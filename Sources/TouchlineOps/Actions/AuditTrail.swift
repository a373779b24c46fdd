import FoundationEssentials
import TouchlineCore

/// The start and end records of one action in an ``AuditLog``, sharing an id and measuring the duration.
public struct AuditTrail: Sendable {
    /// The log written to.
    public let log: AuditLog
    /// The id shared by the start and end records.
    public let id: String
    /// The environment acted on.
    public let environment: String
    /// The action's name.
    public let action: String
    /// What the action aims at, when that applies.
    public let target: String?
    /// Who acts.
    public let identity: OperatorIdentity
    /// When the start record was written.
    public let startedAt: Date

    private init(log: AuditLog, environment: String, action: String, target: String?, identity: OperatorIdentity, now: Date) {
        self.log = log
        self.id = UUID().uuidString.lowercased()
        self.environment = environment
        self.action = action
        self.target = target
        self.identity = identity
        self.startedAt = now
    }

    /// Writes the start record; throws when the log cannot be written (the action must then not run).
    public static func begin(_ log: AuditLog, environment: String, action: String, target: String? = nil,
                             commands: [[String]], details: [String: JSONValue] = [:],
                             identity: OperatorIdentity = .current(), now: Date = Date()) throws(ActionFailure) -> AuditTrail {
        let trail = AuditTrail(log: log, environment: environment, action: action, target: target, identity: identity, now: now)
        try log.append(trail.record(.start, at: now, commands: commands, details: details))
        OpenAuditTrails.opened(trail, commands: commands)
        return trail
    }

    /// Writes the end record with the outcome, the seconds since the start and a digest of the output —
    /// unless touchline already ended this trail because it gave up waiting for the action (``OpenAuditTrails``).
    public func end(_ outcome: AuditOutcome, commands: [[String]], exitStatus: Int32? = nil,
                    details: [String: JSONValue] = [:], error: String? = nil, output: OutputDigest? = nil,
                    now: Date = Date()) throws(ActionFailure) {
        guard OpenAuditTrails.claim(id) else { return }
        try write(outcome, commands: commands, exitStatus: exitStatus, details: details, error: error, output: output, now: now)
    }

    /// Says what state the action would leave if touchline gave up waiting for it now (after a cancel): the
    /// error of the end record ``OpenAuditTrails/abandonAll(waited:logs:now:)`` would write.
    public func note(stateLeft: String) {
        OpenAuditTrails.note(id, stateLeft: stateLeft)
    }

    /// Writes the end record (the caller claimed it).
    func write(_ outcome: AuditOutcome, commands: [[String]], exitStatus: Int32? = nil,
               details: [String: JSONValue] = [:], error: String? = nil, output: OutputDigest? = nil,
               now: Date = Date()) throws(ActionFailure) {
        var record = record(.end, at: now, commands: commands, details: details)
        record.output = output
        record.outcome = outcome
        record.exitStatus = exitStatus
        record.durationSeconds = max(0, now.timeIntervalSince(startedAt))
        record.error = error
        try log.append(record)
    }

    /// Writes the single record of an attempt that never started: refused (lock held, confirmation missing
    /// or wrong, read-only) or cancelled in its confirmation dialog.
    public static func notStarted(_ log: AuditLog, outcome: AuditOutcome, environment: String, action: String,
                                  target: String? = nil, commands: [[String]], reason: String,
                                  identity: OperatorIdentity = .current(), now: Date = Date()) throws(ActionFailure) {
        let trail = AuditTrail(log: log, environment: environment, action: action, target: target, identity: identity, now: now)
        var record = trail.record(.end, at: now, commands: commands, details: [:])
        record.outcome = outcome
        record.durationSeconds = 0
        record.error = reason
        try log.append(record)
    }

    private func record(_ phase: AuditRecord.Phase, at time: Date, commands: [[String]], details: [String: JSONValue]) -> AuditRecord {
        AuditRecord(time: time, phase: phase, id: id, environment: environment, action: action, target: target,
                    commands: commands, user: identity.user, host: identity.host, pid: identity.pid, details: details)
    }
}
