import FoundationEssentials

/// An incident snapshot: every pane's current values, the last 10 minutes of samples of every probe, the
/// events timeline and the recent actions of one environment, frozen at one moment for a post-incident review.
///
/// ``IncidentSnapshotJSON`` and ``IncidentSnapshotMarkdown`` render it; the dashboard (key `S`) and
/// `touchline snapshot` write both files side by side.
public struct IncidentSnapshot: Sendable {
    /// The environment shown.
    public var environment: EnvironmentConfig
    /// When it was taken.
    public var takenAt: Date
    /// Who took it: `dashboard` (its full history) or `touchline snapshot` (the samples it polled).
    public var source: String
    /// Every probe with its history (only the last ``sampleSpan`` seconds are written).
    public var probes: [ProbeState]
    /// The Events pane, newest first.
    public var events: [TimelineEvent]
    /// The environment's recent audit records, newest first.
    public var actions: [AuditRecord]
    /// The backups as last listed, newest first, and the freshness warning.
    public var backups: [BackupRow]
    public var backupWarning: String?
    /// Whether the data was paused (frozen) when the snapshot was taken.
    public var paused: Bool
    /// The last 200 lines of each configured service log (`[environments.NAME.logs.SERVICE]`), by service.
    public var logs: [ServiceLogExcerpt] = []
    /// The sessions of each postgres probe's server with the blocking tree, read when it was taken.
    public var sessions: [SessionsCapture] = []
    /// Every redis probe's diagnostics read when the snapshot was taken (slow log, the doctors' words…).
    public var redisDiagnostics: [RedisDiagnosticsOutcome] = []
    /// Who held the environment's action lock when it was taken (`staging is locked by alice@ops-1 (…)`, the
    /// shared and the local holder), nil when nobody did; ``actions`` then hold every operator's records
    /// (the shared audit table merged with the local log).
    public var lockHolders: [String] = []
    /// Ids of the start records in ``actions`` whose action was interrupted (no end record, its process holds no
    /// lock and is gone): `interrupted` in the summary's outcome column and `"interrupted": true` in the JSON.
    public var interruptedActions: Set<String> = []
    /// The alerts firing and the silences active (nil when the environment has no `[alerts]` table).
    public var alerting: AlertsAtTime?

    /// How far back the samples go, in seconds.
    public static let sampleSpan: Double = 600

    /// Creates a snapshot from its parts.
    public init(environment: EnvironmentConfig, takenAt: Date, source: String, probes: [ProbeState], events: [TimelineEvent],
                actions: [AuditRecord], backups: [BackupRow] = [], backupWarning: String? = nil, paused: Bool = false) {
        self.environment = environment
        self.takenAt = takenAt
        self.source = source
        self.probes = probes
        self.events = events
        self.actions = actions
        self.backups = backups
        self.backupWarning = backupWarning
        self.paused = paused
    }

    /// The snapshot of what the dashboard shows now (the frozen data while paused), with `actions` read
    /// from the audit log.
    public init(state: DashboardState, actions: [AuditRecord], takenAt: Date) {
        self.init(environment: state.environment, takenAt: takenAt, source: "dashboard", probes: state.shownProbes,
                  events: state.events, actions: actions, backups: state.backupRows, backupWarning: state.backupWarning,
                  paused: state.paused)
        alerting = state.environment.alerts.map { AlertsAtTime(state.alerting, source: $0.sourceText, now: takenAt) }
    }

    /// The environment's status: the worst of its probes not marked `optional` (as the dashboard's header
    /// and `touchline check` count it).
    public var status: ProbeStatus { ProbeStatus.worst(of: probes.filter { !$0.config.optional }.map(\.status)) }

    /// A probe's samples of the last ``sampleSpan`` seconds, oldest first.
    public func samples(of probe: ProbeState) -> ArraySlice<ProbeSample> {
        probe.window.recent(Self.sampleSpan, now: takenAt)
    }

    /// A probe's stretches without polling (its environment was not shown) that overlap the last
    /// ``sampleSpan`` seconds, oldest first.
    public func unpolledSpans(of probe: ProbeState) -> [UnpolledSpan] {
        let start = takenAt.addingTimeInterval(-Self.sampleSpan)
        return probe.window.gaps.filter { $0.seconds(between: start, and: takenAt) > 0 }
    }

    /// `snapshot_<environment>_<YYYYmmdd_HHMMSS>` in UTC: the files' name without extension.
    public static func fileStem(environment: String, at date: Date) -> String {
        "snapshot_\(environment)_\(UTCTimestamp.compact(date))"
    }
}
