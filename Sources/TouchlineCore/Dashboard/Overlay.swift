/// A box drawn over the dashboard that takes the keys while it is open.
public enum Overlay: Sendable, Equatable {
    /// The list of every key binding.
    case help
    /// The environment picker, with the highlighted row.
    case environmentPicker(selected: Int)
    /// The confirmation dialog of an operator action.
    case confirm(ActionRequest)
    /// The release picker of a rollback.
    case releasePicker(ReleaseChoice)
    /// The Backups view, with the highlighted row.
    case backups(selected: Int)
    /// The Redis diagnostics view (key `d`).
    case redisDiagnostics(RedisDiagnosticsPanel)
    /// The Alerts view (key `!`): alerts or silences, the highlighted row, the details.
    case alerts(AlertsView)
    /// The silence dialog opened on an alert.
    case silence(SilenceDraft)
    /// The dialog that expires a silence.
    case expireSilence(ExpireDraft)
}
