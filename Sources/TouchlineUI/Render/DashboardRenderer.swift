import TouchlineCore

/// Turns the dashboard state into a screen: a pure function, no I/O, the same state gives the same cells.
public enum DashboardRenderer {
    /// The whole screen for `state`, `state.width` x `state.height` cells.
    public static func render(_ state: DashboardState) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height)
        draw(state, into: &buffer)
        return buffer
    }

    /// Draws `state` over `buffer` (which should be blank and of the state's size).
    public static func draw(_ state: DashboardState, into buffer: inout CellBuffer) {
        guard !state.tooSmall else {
            TooSmallScreen.draw(into: &buffer)
            return
        }
        if state.overlay == .logs, let view = state.logView {
            // The Logs view covers the whole screen: the panes under it are not drawn (a flood repaints it often).
            LogsView.draw(view, state: state, on: buffer.bounds, into: &buffer)
            return
        }
        let probes = state.filteredProbes
        let layout = Layout(width: buffer.width, height: buffer.height, serviceRows: state.shownProbes.count,
                            zoomed: state.zoomed ? state.focus : nil, showOutput: state.actionOutput?.visible == true)
        HeaderBar.draw(state, in: layout.header, into: &buffer)
        // The Sessions view covers the whole body: the panes under it are not drawn; its cancel/terminate dialog
        // is drawn over it, not over the panes.
        let sessionsShown = sessionsUnderneath(state)
        for pane in Pane.allCases where !sessionsShown {
            let rect = layout.rect(for: pane)
            guard !rect.isEmpty else { continue }
            let focused = pane == state.focus
            switch pane {
            case .services: ServicesPane.draw(state, probes: probes, in: rect, focused: focused, into: &buffer)
            case .database: DatabasePane.draw(state, in: rect, focused: focused, into: &buffer)
            case .redis: RedisPane.draw(state, in: rect, focused: focused, into: &buffer)
            case .latency: LatencyPane.draw(state, in: rect, focused: focused, into: &buffer)
            case .events: EventsPane.draw(state, in: rect, focused: focused, into: &buffer)
            case .output: OutputPane.draw(state, in: rect, focused: focused, into: &buffer)
            }
        }
        if let name = state.detailProbe, let probe = state.shownProbes.first(where: { $0.config.name == name }) {
            ProbeDetailView.draw(probe, state: state, in: layout.body, into: &buffer)
        }
        FooterBar.draw(state, in: layout.footer, into: &buffer)
        if sessionsShown, state.overlay != .sessions { SessionsView.draw(state, on: buffer.bounds, into: &buffer) }
        if let overlay = state.overlay { draw(overlay, state: state, body: layout.body, into: &buffer) }
    }

    /// Draws `overlay` over the screen; a dialog opened from a view is drawn over that view, not over the panes.
    private static func draw(_ overlay: Overlay, state: DashboardState, body: Rect, into buffer: inout CellBuffer) {
        switch overlay {
        case .help: HelpOverlay.draw(state, on: buffer.bounds, into: &buffer)
        case .environmentPicker(let selected): EnvironmentPicker.draw(state, selected: selected, on: buffer.bounds, into: &buffer)
        case .confirm(let request):
            if let origin = request.origin { draw(origin.overlay, state: state, body: body, into: &buffer) }
            ConfirmDialog.draw(request, state: state, on: buffer.bounds, into: &buffer)
        case .releasePicker(let choice): ReleasePicker.draw(choice, state: state, on: buffer.bounds, into: &buffer)
        case .backups(let selected): BackupsView.draw(state, selected: selected, on: buffer.bounds, into: &buffer)
        case .configSnapshots(let selected): ConfigSnapshotsView.draw(state, selected: selected, on: buffer.bounds, into: &buffer)
        case .configDiff(let diff): ConfigDiffView.draw(diff, state: state, on: buffer.bounds, into: &buffer)
        case .logs: break
        case .sessions: SessionsView.draw(state, on: buffer.bounds, into: &buffer)
        case .redisDiagnostics(let panel): RedisDiagnosticsView.draw(panel, state: state, on: buffer.bounds, into: &buffer)
        case .alerts(let view): AlertsOverlay.draw(state, view: view, on: body, into: &buffer)
        case .silence(let draft):
            draw(.alerts(draft.returnView), state: state, body: body, into: &buffer)
            SilenceDialog.draw(draft, state: state, on: buffer.bounds, into: &buffer)
        case .expireSilence(let draft):
            draw(.alerts(draft.returnView), state: state, body: body, into: &buffer)
            ExpireSilenceDialog.draw(draft, state: state, on: buffer.bounds, into: &buffer)
        }
    }

    /// Whether the Sessions view fills the body: while it is open, and under its own cancel/terminate dialog.
    static func sessionsUnderneath(_ state: DashboardState) -> Bool {
        switch state.overlay {
        case .sessions: return state.sessionsView != nil
        case .confirm(let request): return state.sessionsView != nil && request.spec?.kind.isSessionSignal == true
        default: return false
        }
    }
}
