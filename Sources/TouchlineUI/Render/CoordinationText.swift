import TouchlineCore

/// The coordination store's words on screen: the header's `also watching: bob@ops-2, carol@ops-3` and the help
/// overlay's line on the model in force.
enum CoordinationText {
    /// `also watching: bob@ops-2 +1`, or nil when nobody else watches (or there is no store).
    static func watching(_ view: CoordinationView) -> String? {
        guard !view.watchers.isEmpty else { return nil }
        let shown = view.watchers.prefix(2).joined(separator: ", ")
        return "also watching: " + shown + (view.watchers.count > 2 ? " +\(view.watchers.count - 2)" : "")
    }

    /// `locked by alice@ops-1 (rollback to 1.4.2)`: another operator's action holds the shared lock.
    static func holder(_ view: CoordinationView) -> String? {
        view.holder.map { "locked by \($0.who) (\($0.what))" }
    }

    /// The help overlay's line: where the lock and the audit live for the shown environment.
    static func model(_ state: DashboardState) -> String {
        guard state.environment.coordination != nil else {
            return "coordination: none for \(state.environment.name): lock and audit local to this machine"
        }
        if state.coordination.connected { return "coordination: shared lock, audit and feed (\(state.coordination.status ?? ""))" }
        return "coordination: store " + (state.coordination.status ?? "not reached yet")
    }
}
