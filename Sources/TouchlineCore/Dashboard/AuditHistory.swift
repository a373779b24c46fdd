import FoundationEssentials

/// Turns audit records into lines of the Events pane, so actions taken before this run (or by another
/// touchline) are on the timeline when the dashboard starts.
public enum AuditHistory {
    /// One event per attempt, newest first: its end record (outcome, who, how long, why), or its start
    /// record when no end was written: `interrupted` when its id is in `interrupted` (its process holds no lock
    /// and is gone: killed, crashed, a lost machine), else running or interrupted (not known).
    public static func events(from records: [AuditRecord], interrupted: Set<String> = []) -> [TimelineEvent] {
        let ended = Set(records.filter { $0.phase == .end }.map(\.id))
        return records
            .filter { $0.phase == .end || !ended.contains($0.id) }
            .sorted { $0.time > $1.time }
            .map { event($0, interrupted: interrupted.contains($0.id)) }
    }

    private static func event(_ record: AuditRecord, interrupted: Bool) -> TimelineEvent {
        let what = ([record.action] + (record.target.map { [$0] } ?? [])).joined(separator: " ")
        let who = "\(record.user)@\(record.host)"
        guard let outcome = record.outcome else {
            if interrupted {
                return TimelineEvent(time: record.time, probe: nil, status: .down,
                                     message: "\(record.environment): \(what) interrupted (started by \(who), no end record)")
            }
            return TimelineEvent(time: record.time, probe: nil, status: .unknown,
                                 message: "\(record.environment): \(what) started by \(who), no end recorded (running or interrupted)")
        }
        var message = "\(record.environment): \(what) \(outcome.rawValue) by \(who)"
        if let seconds = record.durationSeconds, seconds > 0 { message += " in " + SecondsText.format(seconds) }
        // `backup cancelled by root@vm` already says who: the operator's reason would only repeat it
        // (`…: cancelled by the operator (c)`); other reasons (a signal, a timeout) stay.
        if let error = record.error, !(outcome == .cancelled && error.hasPrefix("cancelled by the operator")) {
            message += ": \(error)"
        }
        let status: ProbeStatus
        switch outcome {
        case .ok: status = .up
        case .failed: status = .down
        case .refused, .cancelled: status = .degraded
        }
        return TimelineEvent(time: record.time, probe: nil, status: status, message: message)
    }
}
