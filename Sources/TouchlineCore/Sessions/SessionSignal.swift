/// What a cancel or terminate acts on: the session as the operator saw it when the dialog opened, on the
/// server of one postgres probe. The runner looks the pid up again and refuses when it no longer names the same
/// session (``backendStart`` differs: the pid was reused), or names a background process or touchline's own.
public struct SessionSignal: Sendable, Equatable {
    /// The postgres probe whose server (its `dsn`) holds the session.
    public var probe: String
    /// The session as listed; for a headless command that names only a pid, the pid and nothing else.
    public var session: ActivitySession
    /// Whether the session was looked up by its listing (so ``ActivitySession/backendStart`` must still match).
    public var listed: Bool

    /// Creates a target.
    public init(probe: String, session: ActivitySession, listed: Bool) {
        self.probe = probe
        self.session = session
        self.listed = listed
    }

    /// The SQL that signals it: `SELECT pg_catalog.pg_cancel_backend(PID)` or `pg_terminate_backend(PID)`.
    public static func statement(_ kind: ActionKind, pid: Int) -> String {
        "SELECT pg_catalog.\(kind == .terminateSession ? "pg_terminate_backend" : "pg_cancel_backend")(\(pid))"
    }

    /// The dialog's lines about the session: pid, user, application, client; state and durations; the query.
    public var lines: [String] {
        let session = self.session
        var who = "pid \(session.pid) · user \(session.usename.isEmpty ? "?" : session.usename)"
        who += " · application \(session.applicationName.isEmpty ? "(none)" : session.applicationName)"
        who += " · client \(session.clientAddr ?? "local")"
        var state = "state \(session.state ?? session.backendType)"
        let active = session.state == "active"
        if active && !session.waitText.isEmpty { state += " (waiting \(session.waitText))" }
        if let xact = session.xactSeconds { state += " · transaction \(SecondsText.format(xact))" }
        if active, let query = session.querySeconds {
            state += " · query \(SecondsText.format(query))"
        } else if let seconds = session.stateSeconds {
            state += " · in this state \(SecondsText.format(seconds))"
        }
        var lines = [who, state]
        if session.isTouchline { lines.append("◆ a session of another touchline (\(session.applicationName))") }
        if !session.blockedBy.isEmpty { lines.append("blocked by \(session.blockedBy.map(String.init).joined(separator: ", "))") }
        lines.append("query: " + (session.query.isEmpty ? "(none)" : session.query))
        return lines
    }
}
