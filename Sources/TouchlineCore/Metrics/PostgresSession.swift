/// One backend of `pg_stat_activity` that a postgres rule points at: a lock holder, an open transaction.
public struct PostgresSession: Sendable, Equatable {
    /// Backend process id (`pid`); 0 for a prepared transaction, which has no backend.
    public var pid: Int
    /// `application_name` of the client; empty when unset.
    public var application: String
    /// `state`: `active`, `idle in transaction`, `idle in transaction (aborted)`, …; for a lock holder that is
    /// no client backend, its `backend_type` (`autovacuum worker`); empty when hidden.
    public var state: String
    /// Seconds since `xact_start`, the start of its open transaction; nil outside a transaction.
    public var transactionSeconds: Double?
    /// Seconds since `state_change`, how long it has been in ``state``; nil when unknown.
    public var stateSeconds: Double?
    /// First 200 characters of its current or last statement (`query`).
    public var text: String

    /// Creates a session record.
    public init(pid: Int, application: String, state: String, transactionSeconds: Double?, stateSeconds: Double?,
                text: String) {
        self.pid = pid
        self.application = application
        self.state = state
        self.transactionSeconds = transactionSeconds
        self.stateSeconds = stateSeconds
        self.text = text
    }

    /// Reads six columns from `start`: pid, application_name, state, xact age, state age (seconds), query;
    /// nil when the pid is NULL (no such session) or the row is too short.
    public init?(row: [String?], from start: Int) {
        guard row.count >= start + 6, let pid = row[start].flatMap(Int.init) else { return nil }
        self.init(pid: pid, application: row[start + 1] ?? "", state: row[start + 2] ?? "",
                  transactionSeconds: row[start + 3].flatMap(Double.init), stateSeconds: row[start + 4].flatMap(Double.init),
                  text: row[start + 5] ?? "")
    }

    /// Whether it sits in an open transaction without running anything (`idle in transaction`, aborted or not).
    public var isIdleInTransaction: Bool { state.hasPrefix("idle in transaction") }

    /// What it is doing and for how long, e.g. `idletx, idle in transaction 1m 40s` or
    /// `psql, active 10 s in transaction: LOCK TABLE matches`: application, state with the transaction's age,
    /// then the statement (left out for idle sessions, where it is only the last one run).
    public var summary: String {
        var parts: [String] = []
        if !application.isEmpty { parts.append(application) }
        if pid == 0 {
            parts.append("a prepared transaction")
        } else {
            var doing = state.isEmpty ? "state unknown" : state
            if let age = transactionSeconds {
                doing += isIdleInTransaction ? " \(Self.age(age))" : " \(Self.age(age)) in transaction"
            }
            parts.append(doing)
        }
        var text = parts.joined(separator: ", ")
        let statement = self.text.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }
            .joined(separator: " ")
        if !statement.isEmpty && !isIdleInTransaction && pid != 0 { text += ": " + statement }
        return text
    }

    /// An age in whole units for a sentence: `8 s`, `1m 40s`, `2h 05m`.
    public static func age(_ seconds: Double) -> String {
        let total = Int(clampingFinite: max(0, seconds).rounded(.down))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60)m \(total % 60)s" }
        let minutes = (total / 60) % 60
        return "\(total / 3600)h \(minutes < 10 ? "0" : "")\(minutes)m"
    }
}
