/// Work the reducer asks the runner to do; the results come back as events.
public enum DashboardEffect: Sendable, Equatable {
    case quit
    /// Poll every probe now.
    case pollNow
    /// Stop the current probes and start those of the state's (new) environment.
    case restartProbes
    /// Read the backup inventory of the shown environment; the answer comes back as `backupsListed`.
    case listBackups
    /// Run the rollback's list command; the answer comes back as `releasesListed`.
    case listReleases
    /// Run the confirmed action: the spec its dialog showed.
    case run(ActionSpec)
    /// Record in the audit log that the operator cancelled the dialog (an action's: its spec is in the request).
    case auditCancelled(ActionRequest)
    /// Record in the audit log that the operator unlocked a protected environment.
    case auditUnlocked(ActionRequest)
    /// Write an incident snapshot of the shown environment; the answer comes back as `snapshotWritten`.
    case writeSnapshot
    /// Stop the running action (confirmed with `c`): its processes are terminated and it is audited as cancelled.
    case cancelAction
    /// Stop the running action's compensating step (confirmed with a second `c` while it compensates); the
    /// action then reports the state it left.
    case stopCompensation
    /// Load and apply the theme named in the state.
    case applyTheme(String)
    /// Read config.toml again; the answer comes back as `configReloaded` or `configReloadFailed`.
    case reloadConfig
    /// Read the shown environment's config snapshots; the answer comes back as `configSnapshotsListed`.
    case listConfigSnapshots
    /// Diff one config snapshot (by id) against the current files; the answer comes back as `configDiffed`.
    case diffConfigSnapshot(String)
    /// Read the sessions of the postgres probe's server; the answer comes back as `sessionsListed`.
    case listSessions(probe: String)
    /// Run the confirmed cancel or terminate beside any running action (no lock); the end comes back as `sessionSignalled`.
    case signalSession(ActionSpec)
    /// Read the Redis diagnostics of this redis probe's server; the answer comes back as `redisDiagnosticsRead`.
    case readRedisDiagnostics(ProbeConfig)
    /// Mark the probe `on it: NAME@HOST` in the coordination store (`A` on a red row), for every operator.
    case acknowledge(probe: String)
    /// Remove the probe's acknowledgement (it is up again).
    case clearAcknowledgement(probe: String)
    /// Start streaming a service's log as stream `stream`; its lines come back as `logLines` batches.
    case openLogs(LogSourceConfig, stream: Int)
    /// Stop the log stream (its process group gets SIGTERM, then SIGKILL).
    case closeLogs
    /// Poll the shown environment's alert source now; the answer comes back as `alertsPolled`.
    case pollAlerts
    /// Run a confirmed silence or expiry (no lock; beside any running action); it ends as `alertActionFinished`.
    case alertAction(ActionSpec)
    /// Ring the terminal bell (a new critical alert).
    case ringBell
}
