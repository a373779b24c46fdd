import FoundationEssentials

/// The Sessions view's rules (pure): opening it on a postgres probe, its keys, its periodic re-read, the answers
/// arriving, and its two actions' dialogs (`x` cancel the query, `X` terminate the session), which run beside a
/// running action without its lock.
///
/// Keys inside the view: ↑/↓ select (and freeze), Tab/Shift-Tab or 1/2/3 running/waiting/blocking, Enter the whole
/// query, `r` re-read, `w` background workers, `x`/`X` the actions, Esc lets go of the selection, then closes.
enum SessionsKeys {
    /// Opens the view on the postgres probe selected in the Services pane, else the environment's first one.
    static func open(in state: inout DashboardState) -> [DashboardEffect] {
        let probes = state.filteredProbes
        let selected = probes.isEmpty ? nil : probes[state.selectedRow(.services, count: probes.count)]
        guard let probe = selected?.config.kind == .postgres ? selected : state.postgresProbe else {
            state.notice = "no postgres probe in \(state.environment.name): the Sessions view lists a postgres server's sessions"
            return []
        }
        var view = SessionsViewState(probe: probe.config.name, idleWarn: probe.config.idleInTransactionWarn)
        view.loading = true
        state.sessionsView = view
        state.overlay = .sessions
        return [.listSessions(probe: probe.config.name)]
    }

    /// Applies a key while the view is open.
    static func handle(_ key: KeyPress, in state: inout DashboardState) -> [DashboardEffect] {
        guard var view = state.sessionsView else {
            state.overlay = nil
            return []
        }
        defer { if state.overlay == .sessions || state.overlay == nil { state.sessionsView = state.overlay == nil ? nil : view } }
        let action = state.bindings.action(for: key)
        let count = view.rows.count
        switch key {
        case .escape:
            if view.expanded { view.expanded = false } else if view.selected != nil { view.selected = nil } else { state.overlay = nil }
            return []
        case .tab, .backTab:
            view.mode = key == .tab ? view.mode.next : view.mode.previous
            return changedMode(&view)
        case .character(let character) where ["1", "2", "3"].contains(character):
            view.mode = SessionsMode.allCases[(character.wholeNumberValue ?? 1) - 1]
            return changedMode(&view)
        case .character("w"):
            view.showWorkers.toggle()
            view.selected = nil
            state.notice = view.showWorkers ? "background workers shown" : "background workers hidden"
            return []
        case .character("x"), .character("X"):
            return openDialog(key == .character("X") ? .terminateSession : .cancelQuery, view: &view, in: &state)
        case .enter:
            if view.selected == nil, count > 0 { view.selected = 0 }
            view.expanded = view.selected != nil && !view.expanded
            return []
        default:
            break
        }
        switch action {
        case .quit, .sessions:
            state.overlay = nil
        case .up, .down:
            guard count > 0 else { return [] }
            let current = view.selected ?? (action == .down ? -1 : count)
            view.selected = max(0, min(count - 1, current + (action == .up ? -1 : 1)))
            view.expanded = false
        case .refresh:
            guard !view.loading else { return [] }
            view.loading = true
            view.explicitRead = true
            return [.listSessions(probe: view.probe)]
        default:
            state.notice = KeyFeedback.unused(key.label, in: "Sessions view")
        }
        return []
    }

    /// The clock moved on: re-reads when the view is open, not frozen, idle and its rows are old enough.
    static func tick(in state: inout DashboardState) -> [DashboardEffect] {
        guard state.overlay == .sessions, var view = state.sessionsView, !view.frozen, !view.loading else { return [] }
        if let readAt = view.readAt, state.now.timeIntervalSince(readAt) < SessionsViewState.refreshSeconds { return [] }
        view.loading = true
        state.sessionsView = view
        return [.listSessions(probe: view.probe)]
    }

    /// A read arrived: it replaces the rows unless they are frozen and it was not asked for; a frozen selection
    /// follows its pid.
    static func listed(probe: String, list: SessionsList?, error: String?, querySeconds: Double, in state: inout DashboardState) {
        guard var view = state.sessionsView, view.probe == probe else { return }
        view.loading = false
        defer { state.sessionsView = view }
        if view.frozen && !view.explicitRead { return }
        view.explicitRead = false
        view.readAt = state.now
        view.error = error
        guard let list else { return }
        let pid = view.selectedRow?.session.pid
        view.list = list
        view.querySeconds = querySeconds
        if view.selected != nil {
            let rows = view.rows
            if let pid, let index = rows.firstIndex(where: { $0.session.pid == pid }) {
                view.selected = index
            } else {
                view.selected = rows.isEmpty ? nil : min(view.selected ?? 0, rows.count - 1)
                view.expanded = false
            }
        }
    }

    /// After a key in a cancel/terminate dialog: back to the view when the dialog closed.
    static func afterDialog(_ request: ActionRequest, in state: inout DashboardState) {
        guard request.spec?.kind.isSessionSignal == true, state.overlay == nil, state.sessionsView != nil else { return }
        state.overlay = .sessions
    }

    /// The dialog was confirmed: the signal runs beside any running action; the view waits for its result.
    static func confirmed(_ spec: ActionSpec, in state: inout DashboardState) -> [DashboardEffect] {
        let words = "\(SessionActionSpec.title(spec.kind)) of pid \(spec.target ?? "?")"
        state.notice = "\(words)…"
        state.sessionsView?.lastResult = "\(words)…"
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                          message: "\(spec.title) started on \(spec.environment)"), at: 0)
        return [.signalSession(spec)]
    }

    /// A cancel or terminate ended: its line in the footer, the view and Events; the view lets go of the
    /// selection and re-reads.
    static func signalled(ok: Bool, message: String, in state: inout DashboardState) -> [DashboardEffect] {
        state.notice = (ok ? "✔ " : "✖ ") + message
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: ok ? .up : .down, message: message), at: 0)
        guard var view = state.sessionsView else { return [] }
        view.lastResult = (ok ? "✔ " : "✖ ") + message
        view.selected = nil
        view.expanded = false
        view.explicitRead = true
        view.loading = true
        state.sessionsView = view
        return [.listSessions(probe: view.probe)]
    }

    private static func changedMode(_ view: inout SessionsViewState) -> [DashboardEffect] {
        view.selected = nil
        view.expanded = false
        return []
    }

    private static func openDialog(_ kind: ActionKind, view: inout SessionsViewState,
                                   in state: inout DashboardState) -> [DashboardEffect] {
        let locked = !state.readOnly && state.actionsLocked
        guard ActionCatalog.permits(kind, readOnly: state.readOnly, locked: locked) else {
            state.notice = state.readOnly ? "read-only: cancel and terminate are off"
                : "\(state.environment.name) is protected and read-only: press \(state.bindings.label(.unlock)) to unlock"
            return []
        }
        guard let row = view.selectedRow else {
            state.notice = "select a session first (↑/↓)"
            return []
        }
        let session = row.session
        if !session.isClientBackend {
            state.notice = "pid \(session.pid) is a background process (\(session.backendType)): only client backends are signalled"
            return []
        }
        if kind == .cancelQuery && session.state != "active" {
            state.notice = "pid \(session.pid) runs no query (\(session.state ?? "?")): X terminates the session"
            return []
        }
        let spec = SessionActionSpec.make(kind, environment: state.environment,
                                          signal: SessionSignal(probe: view.probe, session: session, listed: true))
        state.sessionsView = view
        state.overlay = .confirm(ActionRequest(
            purpose: .run(spec), action: SessionActionSpec.title(kind), environment: spec.environment, target: "pid \(session.pid)",
            requiresTypedName: spec.confirmation == .typeEnvironmentName, commands: spec.lines, effect: spec.consequence))
        return []
    }
}
