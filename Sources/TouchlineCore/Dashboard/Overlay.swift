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
    /// The Config view: the environment's config snapshots, with the highlighted row.
    case configSnapshots(selected: Int)
    /// The unified diff of one config snapshot against the current files (Enter in the Config view).
    case configDiff(ConfigDiffText)
    /// The Sessions view of a postgres server (its state is ``DashboardState/sessionsView``).
    case sessions
    /// The Redis diagnostics view (key `d`).
    case redisDiagnostics(RedisDiagnosticsPanel)
    /// The Logs view of a service (its lines and place are ``DashboardState/logView``).
    case logs
    /// The Alerts view (key `!`): alerts or silences, the highlighted row, the details.
    case alerts(AlertsView)
    /// The silence dialog opened on an alert.
    case silence(SilenceDraft)
    /// The dialog that expires a silence.
    case expireSilence(ExpireDraft)
}
