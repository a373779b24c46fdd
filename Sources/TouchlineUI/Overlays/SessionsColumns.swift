import TouchlineCore

/// The Sessions view's columns: title, width in cells and what each row shows in it. Columns are left out from
/// the least needed (database, client, blocked-by, wait, application, user; in the waiting mode blocked-by
/// last) while the screen is too narrow for them and a 20-cell statement; the statement takes what is left.
struct SessionsColumns {
    /// One column.
    struct Column {
        var title: String
        var width: Int
        var cell: (SessionRow, SessionsViewState) -> Span
    }

    /// The columns shown in `width` cells for `mode`, the statement last.
    static func fitting(_ width: Int, mode: SessionsMode) -> [Column] {
        var columns = all(mode)
        // Waiting on a lock, who holds it is the column that answers the question: it outlives the wait event.
        let dropOrder = mode == .waiting
            ? ["DATABASE", "CLIENT", "WAIT", "APPLICATION", "USER", "BLOCKED BY"]
            : ["DATABASE", "CLIENT", "BLOCKED BY", "WAIT", "APPLICATION", "USER"]
        var index = 0
        while used(columns) + 20 > width, index < dropOrder.count {
            columns.removeAll { $0.title == dropOrder[index] }
            index += 1
        }
        return columns
    }

    /// Cells the fixed columns take, a space after each.
    static func used(_ columns: [Column]) -> Int { columns.reduce(0) { $0 + $1.width + 1 } }

    private static func all(_ mode: SessionsMode) -> [Column] {
        var columns = [
            Column(title: "PID", width: mode == .blocking ? 14 : 8) { row, _ in
                let indent = String(repeating: " ", count: min(row.depth, 4) * 2) + (row.depth > 0 ? "└" : "")
                return Span(indent + String(row.session.pid), row.depth == 0 && row.blocking > 0 ? .critical : .text)
            },
        ]
        if mode == .blocking {
            columns.append(Column(title: "BLOCKS", width: 6) { row, _ in
                Span(row.blocking > 0 ? String(row.blocking) : "", row.blocking > 0 ? .critical : .dim)
            })
        }
        columns += [
            Column(title: "DATABASE", width: 12) { row, _ in Span(row.session.datname, .text) },
            Column(title: "USER", width: 12) { row, _ in Span(row.session.usename, .text) },
            Column(title: "APPLICATION", width: 16) { row, _ in
                row.session.isTouchline ? Span("◆ " + row.session.applicationName, .warn) : Span(row.session.applicationName, .text)
            },
            Column(title: "CLIENT", width: 15) { row, _ in Span(row.session.clientAddr ?? "local", .dim) },
            Column(title: "STATE", width: 15) { row, view in state(row.session, idleWarn: view.idleWarn) },
            Column(title: "WAIT", width: 18) { row, _ in
                Span(row.session.waitText, row.session.waitEventType == "Lock" ? .warn : .dim)
            },
            Column(title: "XACT", width: 7) { row, _ in duration(row.session.xactSeconds) },
            Column(title: "QUERY", width: 7) { row, _ in
                row.session.state == "active" ? duration(row.session.querySeconds) : Span("", .dim)
            },
            Column(title: "BLOCKED BY", width: 11) { row, _ in
                Span(row.session.blockedBy.map(String.init).joined(separator: ","), .warn)
            },
        ]
        return columns
    }

    /// A duration coloured as the Database pane colours query ages: under 1 s, under 3 s, above.
    private static func duration(_ seconds: Double?) -> Span {
        guard let seconds else { return Span("", .dim) }
        return Span(Format.duration(seconds), StatusStyle.role(value: seconds, warn: 1, critical: 3))
    }

    /// The state, shortened; an idle-in-transaction session past the threshold is marked `▲` in the warn role.
    private static func state(_ session: ActivitySession, idleWarn: Double) -> Span {
        let text = (session.state ?? session.backendType).replacing("idle in transaction", with: "idle in tx")
        if session.isIdleInTransaction && (session.xactSeconds ?? 0) >= idleWarn { return Span("▲ " + text, .warn) }
        return Span(text, session.state == "active" ? .ok : .dim)
    }
}
