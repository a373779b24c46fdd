import TouchlineCore

/// The footer's hints for what acts on the focused pane and its selection (as k9s's menu hints do):
/// restart for the selected service when it has a restart table, the environment's configured actions.
enum SelectionHints {
    /// The hints, each with a priority for ``PriorityRow`` (lower shows first).
    static func items(_ state: DashboardState) -> [PriorityRow.Item] {
        let keys = state.bindings
        var items: [PriorityRow.Item] = []
        func hint(_ key: String, _ text: String, _ priority: Int) {
            guard !key.isEmpty else { return }
            items.append(PriorityRow.Item([Span(key, .key), Span(" " + text, .footer)], priority: priority))
        }
        guard !state.actionsLocked, state.runningAction == nil, !state.editingFilter else { return items }
        let environment = state.environment.name
        if state.focus == .services {
            let probes = state.filteredProbes
            if !probes.isEmpty {
                let service = probes[state.selectedRow(.services, count: probes.count)].config.name
                if state.actions.restart(service, in: environment) != nil {
                    hint(keys.label(.restart), "restart \(service)", 3)
                }
                if state.environment.actions.logs[service] != nil { hint(keys.label(.logs), "logs", 4) }
            }
        }
        if state.actions.backup(in: environment) != nil { hint(keys.label(.backups), "backups", 6) }
        if state.actions.hasRollback(in: environment) { hint(keys.label(.rollback), "rollback", 7) }
        if state.actions.rehearsal(in: environment) != nil { hint(keys.label(.rehearse), "rehearse", 8) }
        return items
    }
}
