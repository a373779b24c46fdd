import FoundationEssentials
import TouchlineCore
import TouchlineProbes

extension SessionSignalRunner {
    /// One backend as ``SessionsQuery/lookupSQL`` reads it.
    struct Lookup: Sendable, Equatable {
        var backendType: String
        var backendStart: String
        var usename: String
        var application: String
        var client: String?
        var state: String?
        var query: String
        var isOwn: Bool
        var queryStart: String?

        /// Seconds since `start`.
        static func elapsed(since start: ContinuousClock.Instant) -> Double {
            let elapsed = start.duration(to: .now)
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// The backend with `pid` now, or nil when there is none.
    static func lookup(_ pid: Int, on connection: ActivityConnection) throws(ProbeFailure) -> Lookup? {
        guard let row = try connection.rows(SessionsQuery.lookupSQL, [String(pid)], deadline: Deadline(seconds: 3)).first,
              row.count >= 9 else { return nil }
        return Lookup(backendType: row[0] ?? "", backendStart: row[1] ?? "", usename: row[2] ?? "", application: row[3] ?? "",
                      client: row[4], state: row[5], query: row[6] ?? "", isOwn: row[7] == "t", queryStart: row[8])
    }

    /// Why `spec` must not run on the backend `found` (nil: it may).
    static func refusal(_ spec: ActionSpec, signal: SessionSignal, found: Lookup?) -> String? {
        let pid = signal.session.pid
        guard let found else { return "no session with pid \(pid) on the server of probe \(signal.probe)" }
        if found.isOwn || OwnBackends.current.contains(pid) {
            return "pid \(pid) is touchline's own connection"
        }
        if found.backendType != ActivitySession.clientBackend {
            return "pid \(pid) is a background process (\(found.backendType)), not a client backend"
        }
        if signal.listed && found.backendStart != signal.session.backendStart {
            return "pid \(pid) now names another session (started \(found.backendStart)); refresh the list"
        }
        if found.application.hasPrefix(ActivitySession.touchlinePrefix) && spec.confirmation != .typeEnvironmentName {
            return "pid \(pid) is another touchline's session (\(found.application)): confirm with the environment's name"
        }
        if spec.kind == .cancelQuery && found.state != "active" {
            return "pid \(pid) runs no query (\(found.state ?? "no state")): nothing to cancel; terminate the session to end it"
        }
        return nil
    }

    /// Whether the signal did its work: the pid is gone or names a new backend (terminate); its query ended, a new
    /// one started, or the session is gone (cancel).
    static func ended(_ kind: ActionKind, before: Lookup, now: Lookup?) -> Bool {
        guard let now, now.backendStart == before.backendStart else { return true }
        if kind == .terminateSession { return false }
        return now.state != "active" || now.queryStart != before.queryStart
    }

    /// The server's refusal as one line: a permission error names what is missing.
    static func explain(_ message: String, kind: ActionKind, pid: Int, owner: String) -> String {
        // PostgreSQL 15 says "must be a member of the role whose query is being canceled or member of
        // pg_signal_backend", 16 and later "permission denied to cancel query" (both SQLSTATE 42501). A
        // superuser's session: 15 "must be a superuser to cancel superuser query", 16+ "permission denied to
        // cancel query" with a detail naming the SUPERUSER attribute; pg_signal_backend does not help there.
        let lowered = message.lowercased()
        let verb = kind == .terminateSession ? "terminate" : "cancel"
        let whose = "pid \(pid) (owned by \(owner.isEmpty ? "another role" : owner))"
        if lowered.contains("superuser") {
            return "permission denied to \(verb) \(whose): it is a superuser's session; only a superuser may signal it"
        }
        guard lowered.contains("permission denied") || lowered.contains("pg_signal_backend") else { return message }
        return "permission denied to \(verb) \(whose): the probe's role needs pg_signal_backend, or to be a member of that role"
    }
}
