import FoundationEssentials

/// One message of the live feed (the payload of `NOTIFY touchline_feed`, JSON): an audit record written by
/// some operator (its argv, details and output left out to stay under PostgreSQL's 8000-byte payload), or an
/// acknowledgement made or cleared.
public struct FeedNotice: Sendable, Equatable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// An audit record was written (``record``).
        case audit
        /// `A` on a red row (``acknowledgement``).
        case acknowledged
        /// An acknowledgement was cleared (the probe recovered, or it expired): ``acknowledgement`` names it.
        case cleared
    }

    /// What happened.
    public var kind: Kind
    /// The environment it concerns.
    public var environment: String
    /// The record, for ``Kind/audit``.
    public var record: AuditRecord?
    /// The acknowledgement, for the other kinds.
    public var acknowledgement: Acknowledgement?
    /// Whether the record was uploaded late (written while the store was unreachable).
    public var late: Bool

    /// Creates a notice.
    public init(kind: Kind, environment: String, record: AuditRecord? = nil, acknowledgement: Acknowledgement? = nil,
                late: Bool = false) {
        self.kind = kind
        self.environment = environment
        self.record = record
        self.acknowledgement = acknowledgement
        self.late = late
    }

    /// The notice of `record`, trimmed for the feed (no argv, details or output; the error cut at 300 characters).
    public static func audit(_ record: AuditRecord, late: Bool) -> FeedNotice {
        var trimmed = record
        trimmed.commands = []
        trimmed.details = [:]
        trimmed.output = nil
        trimmed.error = record.error.map { String($0.prefix(300)) }
        return FeedNotice(kind: .audit, environment: record.environment, record: trimmed, late: late)
    }

    /// The payload text.
    public func json() -> String {
        (try? ActionJSON.encoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Parses a payload; nil when it is not one.
    public static func parse(_ payload: String) -> FeedNotice? {
        try? ActionJSON.decoder().decode(FeedNotice.self, from: Data(payload.utf8))
    }

    /// The Events line: `alice@ops-1 started rollback staging → 1.4.2`, `alice@ops-1 rollback staging → 1.4.2 ok
    /// in 12.3 s`, `alice@ops-1 is on it: postgres`; nil for a notice with nothing to say.
    public var timelineEvent: TimelineEvent? {
        switch kind {
        case .audit:
            // An acknowledgement's own notice says it; its audit records would only repeat it.
            guard let record, !record.action.hasPrefix("acknowledge") else { return nil }
            let who = "\(record.user)@\(record.host)"
            let what = "\(record.action) \(record.environment)" + (record.target.map { " → \($0)" } ?? "")
            let lateNote = late ? " (recorded late)" : ""
            guard let outcome = record.outcome else {
                return TimelineEvent(time: record.time, probe: nil, status: nil, message: "\(who) started \(what)\(lateNote)",
                                     environment: environment)
            }
            var message = "\(who) \(what): \(outcome.rawValue)"
            if let seconds = record.durationSeconds, seconds > 0 { message += " in " + SecondsText.format(seconds) }
            if let error = record.error { message += " (\(error))" }
            let status: ProbeStatus = outcome == .ok ? .up : outcome == .failed ? .down : .degraded
            return TimelineEvent(time: record.time, probe: nil, status: status, message: message + lateNote, environment: environment)
        case .acknowledged:
            guard let ack = acknowledgement else { return nil }
            return TimelineEvent(time: ack.since, probe: ack.probe, status: .down, message: "\(ack.probe) acknowledged: \(ack.mark)",
                                 environment: environment)
        case .cleared:
            guard let ack = acknowledgement else { return nil }
            return TimelineEvent(time: ack.since, probe: ack.probe, status: nil, message: "\(ack.probe): \(ack.who) no longer on it",
                                 environment: environment)
        }
    }
}
