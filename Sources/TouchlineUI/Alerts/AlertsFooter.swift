import TouchlineCore

/// The footer's key hints while the Alerts view or one of its dialogs is open: the view's own keys (the main
/// screen's do nothing under it), by mode — the alerts, an alert's details, the silences — and the silence and
/// expiry dialogs' keys.
enum AlertsFooter {
    /// The hints for `state`'s overlay, or nil when it is not the Alerts view or one of its dialogs.
    static func hints(_ state: DashboardState) -> [PriorityRow.Item]? {
        let keys = state.bindings
        var hints: [PriorityRow.Item] = []
        func hint(_ key: String, _ text: String, _ priority: Int) {
            guard !key.isEmpty else { return }
            hints.append(PriorityRow.Item([Span(key, .key), Span(" " + text, .footer)], priority: priority))
        }
        let select = keys.label(.up) + " " + keys.label(.down)
        let maySilence = !state.readOnly && state.environment.alerts?.silencesPossible == true
        switch state.overlay {
        case .alerts(let view) where view.detail:
            hint(select, "scroll", 1)
            hint(KeyPress.enter.label + " " + KeyPress.escape.label, "back to the list", 0)
        case .alerts(let view) where view.mode == .alerts:
            hint(select, "select", 1)
            if maySilence { hint("x", "silence", 1) }
            hint(KeyPress.enter.label, "details", 2)
            hint("v", "silences", 2)
            hint(keys.label(.refresh), "poll now", 3)
            hint(KeyPress.escape.label, "close", 0)
        case .alerts:
            hint(select, "select", 1)
            if maySilence { hint("X", "expire", 1) }
            hint("v", "alerts", 2)
            hint(keys.label(.refresh), "poll now", 3)
            hint(KeyPress.escape.label, "close", 0)
        case .silence(let draft) where draft.submitting:
            hint(KeyPress.escape.label, "back to the view (the silence goes on)", 0)
        case .silence:
            hint(KeyPress.tab.label + " " + KeyPress.up.label + " " + KeyPress.down.label, "field", 1)
            hint(KeyPress.left.label + " " + KeyPress.right.label, "duration", 2)
            hint(KeyPress.enter.label, "silence", 0)
            hint(KeyPress.escape.label, "cancel", 0)
        case .expireSilence(let draft) where draft.submitting:
            hint(KeyPress.escape.label, "back to the view (the expiry goes on)", 0)
        case .expireSilence(let draft) where draft.request.requiresTypedName:
            hint(draft.request.environment, "type to confirm", 1)
            hint(KeyPress.enter.label, "expire", 0)
            hint(KeyPress.escape.label, "cancel", 0)
        case .expireSilence:
            hint("y", "expire", 0)
            hint(KeyPress.tab.label, "switch", 2)
            hint(KeyPress.enter.label, "choose", 1)
            hint(KeyPress.escape.label + " n", "cancel", 0)
        default:
            return nil
        }
        return hints
    }
}
