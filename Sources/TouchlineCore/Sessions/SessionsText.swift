/// Sessions as plain text for `touchline sessions` and the incident snapshot's Markdown: one line per session,
/// columns `PID USER APPLICATION CLIENT STATE WAIT XACT QUERY-AGE BLOCKED-BY QUERY`, chains indented by depth.
public enum SessionsText {
    /// The header line.
    public static let header = ["PID", "USER", "APPLICATION", "CLIENT", "STATE", "WAIT", "XACT", "QUERY", "BLOCKED BY", "STATEMENT"]

    /// The table of `rows` (a header, then one line each); `idleWarn` marks idle-in-transaction sessions older than
    /// it, `blocking` adds each chain head's count.
    public static func table(_ rows: [SessionRow], idleWarn: Double) -> [String] {
        TextTable.plain([header] + rows.map { cellsOf($0, idleWarn: idleWarn) })
    }

    /// The Markdown table of `rows` (cells single-line, `|` escaped).
    public static func markdown(_ rows: [SessionRow], idleWarn: Double) -> [String] {
        TextTable.markdown(header: header, rows: rows.map { cellsOf($0, idleWarn: idleWarn).map { $0.replacing("|", with: "\\|") } })
    }

    /// The cells of one row.
    public static func cellsOf(_ row: SessionRow, idleWarn: Double) -> [String] {
        let session = row.session
        let indent = String(repeating: "  ", count: row.depth) + (row.depth > 0 ? "└ " : "")
        var state = session.state ?? session.backendType
        if session.isIdleInTransaction && (session.xactSeconds ?? 0) >= idleWarn { state = "▲ " + state }
        let blocked = session.blockedBy.map(String.init).joined(separator: ",")
        var pid = indent + String(session.pid)
        if row.blocking > 0 { pid += " (blocking \(row.blocking))" }
        let application = session.isTouchline ? "◆ " + session.applicationName : session.applicationName
        return [pid, session.usename, application, session.clientAddr ?? "local", state, session.waitText,
                session.xactSeconds.map(SecondsText.format) ?? "", session.querySeconds.map(SecondsText.format) ?? "",
                blocked, String(session.firstLine.prefix(120))]
    }
}
