import FoundationEssentials
import Synchronization
import TouchlineCore

/// The audit trails of this process that have a start record and no end record yet, each with the latest
/// word its action gave about the state it would leave, so that touchline never exits on a start record
/// alone: when a running action does not end within the grace after a cancel (the dashboard's signal path,
/// a headless command's signal), ``abandonAll(waited:logs:now:)`` writes their end records (`cancelled`, the error
/// saying what was left) before the process goes.
///
/// Each trail's end is written once: whichever of ``AuditTrail/end(_:commands:exitStatus:details:error:output:now:)``
/// and ``abandonAll(waited:logs:now:)`` claims it first writes it.
public enum OpenAuditTrails {
    private struct Entry: Sendable {
        var trail: AuditTrail
        var commands: [[String]]
        var stateLeft: String?
    }

    private static let open = Mutex<[String: Entry]>([:])

    /// Records `trail` (its start record was just written) as open.
    static func opened(_ trail: AuditTrail, commands: [[String]]) {
        open.withLock { $0[trail.id] = Entry(trail: trail, commands: commands) }
    }

    /// Sets the sentence saying what state `trail`'s action would leave if it were abandoned now.
    static func note(_ id: String, stateLeft: String) {
        open.withLock { $0[id]?.stateLeft = stateLeft }
    }

    /// Claims the end record of `id`: true (and forgotten) when it was open, false when it was already ended.
    static func claim(_ id: String) -> Bool {
        open.withLock { $0.removeValue(forKey: id) != nil }
    }

    /// How many trails are open now.
    public static var count: Int { open.withLock { $0.count } }

    /// Ends every open trail (of the audit logs at `paths`, when given) as `cancelled` with the error
    /// `gave up waiting 15 s after the cancel; STATE` (STATE: what its action last said it would leave, else
    /// that the state is unknown) and the detail `state_left`; returns one line per trail,
    /// `restore backup_x.sql.gz: gave up waiting …`, for the log or standard error (a record that could not be
    /// written says so).
    @discardableResult
    public static func abandonAll(waited seconds: Double, logs paths: Set<String>? = nil, now: Date = Date()) -> [String] {
        let entries = open.withLock { open in
            let chosen = open.filter { paths?.contains($0.value.trail.log.path) ?? true }
            for id in chosen.keys { open.removeValue(forKey: id) }
            return Array(chosen.values)
        }
        return entries.sorted { $0.trail.startedAt < $1.trail.startedAt }.map { entry in
            let state = entry.stateLeft ?? "the state it left is unknown: check the environment"
            let sentence = "gave up waiting \(DecimalText.fixed(seconds, digits: 0)) s after the cancel; \(state)"
            let name = [entry.trail.action, entry.trail.target].compactMap { $0 }.joined(separator: " ")
            do throws(ActionFailure) {
                try entry.trail.write(.cancelled, commands: entry.commands,
                                      details: ["state_left": .string(state), "abandoned_after_seconds": .number(seconds)],
                                      error: sentence, now: now)
                return "\(name): \(sentence)"
            } catch {
                return "\(name): \(sentence) (the audit end record could not be written: \(error.message))"
            }
        }
    }
}
