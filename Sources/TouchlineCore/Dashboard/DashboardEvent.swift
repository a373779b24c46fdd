import FoundationEssentials

/// Everything that can happen to the dashboard; one loop consumes these in order.
public enum DashboardEvent: Sendable {
    /// A probe finished a check; `generation` tells results of a previous environment apart.
    case sample(ProbeSample, generation: Int)
    case key(KeyPress)
    case resize(width: Int, height: Int)
    /// The clock moved on (ages, staleness, the header clock).
    case tick(Date)
    /// The rollback's list command answered: the releases, newest first, or why it failed.
    case releasesListed(releases: [String], error: String?)
    /// The backup inventory of the shown environment was read: rows newest first, and a warning when the
    /// newest verified backup is too old (or there is none). `environment` names the environment read (nil: the
    /// shown one); a listing of another environment, arriving after a switch, is dropped.
    case backupsListed(rows: [BackupRow], warning: String?, environment: String? = nil)
    /// A running action reported progress (one line for the footer, e.g. bytes written so far).
    case actionProgress(String)
    /// A running rehearsal reported its steps and latest activity.
    case rehearsalProgress(RehearsalProgress)
    /// A running action printed these lines (for the Output pane; the last also goes to the footer).
    case actionOutput([String])
    /// An incident snapshot was written (the Markdown file's path), or why it was not.
    case snapshotWritten(path: String?, error: String?)
    /// Earlier operator actions read from the audit logs at start, newest first.
    case auditHistory([TimelineEvent])
    /// A running action ended; `ok` tells success, `message` says what happened.
    case actionFinished(action: String, ok: Bool, message: String)
    /// SIGINT, SIGTERM or SIGHUP arrived: leave cleanly.
    case terminate(signal: Int32)
    /// config.toml was read again (Ctrl-R): its environments, keys and thresholds (``ConfigReload``).
    case configReloaded(ConfigReload.Loaded)
    /// config.toml could not be read again: the one-line error; the running config stays.
    case configReloadFailed(String)
    /// An environment's config snapshots were read, with the drift warning.
    case configSnapshotsListed(ConfigSnapshotListing)
    /// A config snapshot's diff against the current files was read (secrets masked).
    case configDiffed(ConfigDiffText)
    /// The sessions of a postgres probe's server were read (or why not), and how long the statement took (seconds).
    case sessionsListed(probe: String, list: SessionsList?, error: String?, querySeconds: Double)
    /// A cancel or terminate ended: whether it did what it should and its line (`… ended after 0.3 s`).
    case sessionSignalled(ok: Bool, message: String)
    /// The Redis diagnostics of a redis probe's server were read, or why they could not be (one line).
    case redisDiagnosticsRead(probe: String, diagnostics: RedisDiagnostics?, error: String?)
    /// The coordination watcher reported (store status, who else watches, acknowledgements, a feed message).
    case coordination(CoordinationUpdate)
    /// A log stream read these lines (at most one batch every 30 ms per stream).
    case logLines(LogBatch)
    /// The shown environment's alert source was polled: its alerts and silences, or why it could not be read.
    case alertsPolled(AlertsPoll)
    /// A silence or a silence's expiry ended.
    case alertActionFinished(AlertActionResult)
}
