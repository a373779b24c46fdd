/// The dialog that expires a silence (`X` in the silences list): the request it shows (the spec's lines and
/// consequence, typed name when protected), then the state of its submission.
public struct ExpireDraft: Sendable, Equatable {
    /// The dialog's request: its spec is the expiry.
    public var request: ActionRequest
    /// Why the last attempt failed (Alertmanager's answer).
    public var error: String?
    /// Whether it was sent and its answer is awaited.
    public var submitting = false
    /// The Alerts view to go back to.
    public var returnView: AlertsView

    /// The dialog of `spec`.
    public init(spec: ActionSpec, returnView: AlertsView) {
        request = ActionRequest(spec: spec)
        self.returnView = returnView
    }
}
