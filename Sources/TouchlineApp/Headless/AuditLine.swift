import TouchlineCore

/// The audit log as text for `touchline audit`.
public enum AuditLine {
    /// One readable line: time, phase, action and target, outcome, duration, user@host, error. An end record of
    /// an attempt that never started (refused, cancelled in its dialog, failed before it began: written with 0 s) shows `—` for its
    /// duration, as does an end record without one.
    public static func text(_ record: AuditRecord) -> String {
        var parts = [ActionJSON.format(record.time), DisplayWidth.pad(record.phase.rawValue, to: 5),
                     ([record.action] + (record.target.map { [$0] } ?? [])).joined(separator: " ")]
        if let outcome = record.outcome {
            // Written with 0 s: an attempt that never started — refused, cancelled in its dialog, or failed before it
            // began (`cancel-query` that could not connect) — not one that took `0.00 ms`.
            let neverRan = (record.durationSeconds ?? 0) == 0
            parts += [outcome.rawValue, neverRan ? "—" : record.durationSeconds.map(SecondsText.format) ?? "—"]
        } else if let seconds = record.durationSeconds {
            parts.append(SecondsText.format(seconds))
        }
        parts.append("\(record.user)@\(record.host)")
        if let error = record.error { parts.append(error) }
        return parts.joined(separator: "  ")
    }
}
