/// The keys of the detail view of one probe (k9s's describe): Enter on a Services row opens it, Esc
/// (or Enter again) goes back; ↑/↓ PgUp/PgDn Home scroll it. Enter on any other pane zooms it, as `z` does.
enum ProbeDetailNavigation {
    /// The keys of the panes under the view, which do nothing while it is open.
    static let hiddenPaneActions: Set<KeyAction> = [.focusNext, .focusPrevious, .zoom, .filter]

    /// Opens the detail view of the selected Services row, or zooms when another pane has the focus.
    static func open(in state: inout DashboardState) {
        let probes = state.filteredProbes
        guard state.focus == .services, !state.zoomed || state.detailProbe == nil, !probes.isEmpty else {
            state.zoomed.toggle()
            return
        }
        state.detailProbe = probes[state.selectedRow(.services, count: probes.count)].config.name
        state.detailScroll = 0
    }

    /// Applies `key` while the detail view is open; false for keys it leaves to the dashboard (quit,
    /// help, actions on the selected service, environment switches).
    static func handle(_ key: KeyPress, in state: inout DashboardState) -> Bool {
        guard let name = state.detailProbe, state.shownProbes.contains(where: { $0.config.name == name }) else {
            state.detailProbe = nil
            return false
        }
        let action = state.bindings.action(for: key)
        let page = max(1, state.height - 4)
        switch key {
        case .escape:
            state.detailProbe = nil
        case .pageUp: state.detailScroll = max(0, state.detailScroll - page)
        case .pageDown: state.detailScroll += page
        case .home: state.detailScroll = 0
        default:
            if action == .detail {
                state.detailProbe = nil
            } else if action == .up {
                state.detailScroll = max(0, state.detailScroll - 1)
            } else if action == .down {
                state.detailScroll += 1
            } else if let action, hiddenPaneActions.contains(action) {
                // Focus, zoom and the filter would act on the panes the view covers (a filter typed here moved
                // the Services selection, so `s` restarted another service than the one shown).
                state.notice = "\(KeyFeedback.unused(key.label, in: "detail view")) (Esc first)"
            } else {
                return false
            }
        }
        return true
    }
}
