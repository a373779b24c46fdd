import TouchlineCore

/// The expiry dialog: the confirmation dialog of the expiry's request (the DELETE it sends, the matchers,
/// Cancel focused first or the typed name), with Alertmanager's refusal or the waiting state under it.
enum ExpireSilenceDialog {
    /// Draws `draft` centred on `screen`.
    static func draw(_ draft: ExpireDraft, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        var request = draft.request
        if let error = draft.error { request.effect += " · ✖ " + error }
        if draft.submitting { request.effect += " · expiring, then waiting for Alertmanager to list it expired…" }
        ConfirmDialog.draw(request, state: state, on: screen, into: &buffer)
    }
}
