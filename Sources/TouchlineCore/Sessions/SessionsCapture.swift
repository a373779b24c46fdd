/// The PostgreSQL sessions an incident snapshot keeps: those of each postgres probe's server as read when the
/// snapshot was taken (touchline's own left out), or why they could not be read.
public struct SessionsCapture: Sendable, Equatable {
    /// The postgres probe whose server was read.
    public var probe: String
    /// The sessions; nil when the read failed.
    public var list: SessionsList?
    /// Why the read failed.
    public var error: String?
    /// The probe's `idle_in_transaction_warn`, for marking old idle-in-transaction sessions.
    public var idleWarn: Double

    /// Creates a capture.
    public init(probe: String, list: SessionsList?, error: String?, idleWarn: Double) {
        self.probe = probe
        self.list = list
        self.error = error
        self.idleWarn = idleWarn
    }

    /// The JSON object: `probe`, `error`, `blocking` (the chains, heads first, with `depth` and `blocking`),
    /// `running` (not idle) and `sessions` (every client session), each in ``SessionsJSON``'s names.
    public var json: JSONValue {
        let rows = { (mode: SessionsMode) in self.list?.rows(mode).map(SessionsJSON.object) ?? [] }
        let all = list?.sessions.filter(\.isClientBackend).map { SessionsJSON.object(SessionRow(session: $0)) } ?? []
        return .object(["probe": .string(probe), "error": .string(error), "blocking": .array(rows(.blocking)),
                        "running": .array(rows(.running)), "sessions": .array(all)])
    }

    /// The Markdown section: the blocking tree, then the running sessions.
    public var markdown: [String] {
        var lines = ["", "## PostgreSQL sessions: \(probe)", ""]
        guard let list else {
            lines.append("Not read: \(error ?? "unknown error")")
            return lines
        }
        let counts = list.counts
        lines += ["\(counts.active) active, \(counts.idle) idle, \(counts.idleInTransaction) idle in transaction, "
                  + "\(counts.waiting) waiting (client sessions; touchline's own left out).", "", "### Blocking", ""]
        let blocking = list.rows(.blocking, workers: true)
        lines += blocking.isEmpty ? ["No session blocks another."] : SessionsText.markdown(blocking, idleWarn: idleWarn)
        lines += ["", "### Running", ""]
        let running = list.rows(.running)
        lines += running.isEmpty ? ["No client session is running a query."] : SessionsText.markdown(running, idleWarn: idleWarn)
        return lines
    }
}
