import TouchlineCore

/// The audit log as text for `touchline audit`.
public enum AuditLine {
    /// One readable line: time, phase, action and target, outcome, duration, user@host, error.
    public static func text(_ record: AuditRecord) -> String {
        var parts = [ActionJSON.format(record.time), DisplayWidth.pad(record.phase.rawValue, to: 5),
                     ([record.action] + (record.target.map { [$0] } ?? [])).joined(separator: " ")]
        if let outcome = record.outcome { parts.append(outcome.rawValue) }
        if let seconds = record.durationSeconds { parts.append(SecondsText.format(seconds)) }
        parts.append("\(record.user)@\(record.host)")
        if let error = record.error { parts.append(error) }
        return parts.joined(separator: "  ")
    }
}
