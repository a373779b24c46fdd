import FoundationEssentials

/// Everything the screen shows, and nothing else: the screen is a pure function of this value.
public struct DashboardState: Sendable, Equatable {
    /// Every environment of the config, in file order.
    public var environments: [EnvironmentConfig]
    /// Index of the one shown.
    public var environmentIndex: Int
    /// Bumped on every environment switch; samples of older generations are dropped.
    public var generation = 0
    /// Live probe states of the shown environment.
    public var probes: [ProbeState]
    /// The probe states of the environments not shown, by environment name: their windows, statuses and
    /// episodes are kept while away (not polled; samples age out at the retention) and shown again, with
    /// the stretch without polling marked, when their environment is picked again.
    public var away: [String: [ProbeState]] = [:]
    /// What the panes show while paused: the probes as they were when `p` was pressed.
    public var frozen: [ProbeState]?
    /// Newest first, at most ``eventLimit``.
    public var events: [TimelineEvent] = []
    public var focus: Pane = .services
    public var zoomed = false
    public var overlay: Overlay? {
        didSet { if overlay == nil { dialogScroll = 0 } }
    }
    /// Lines the confirmation dialog's text is scrolled by (↑/↓, PgUp/PgDn) when it is taller than the screen.
    public var dialogScroll = 0
    /// Text that service names must contain to be listed.
    public var filter = ""
    /// The order of the Services table (`<` `>` `I`).
    public var sort = ServicesSort()
    /// The selected service by name while the table is sorted by a column, so that rows reordering as
    /// samples arrive never move the selection to another service.
    public var selectedService: String?
    /// The probe whose detail view is open (Enter on a Services row; Esc closes it), by name.
    public var detailProbe: String?
    /// Lines the detail view is scrolled by.
    public var detailScroll = 0
    /// Whether keys go to the filter text.
    public var editingFilter = false
    /// Selected row per pane.
    public var selection: [Pane: Int] = [:]
    /// The theme in use and the ones that can be cycled through.
    public var theme: String
    public var themes: [String]
    public var readOnly: Bool
    public var bindings: KeyBindings
    public var thresholds = LatencyThresholds()
    public var now: Date
    public var width: Int
    public var height: Int
    /// The operator actions of every environment, built once from the config's action tables; the dialogs
    /// show their specs.
    public var actions = ActionCatalog()
    /// The backups of the shown environment, newest first, as last read.
    public var backupRows: [BackupRow] = []
    /// Shown in the header when the newest verified backup is older than a day (or there is none).
    public var backupWarning: String?
    /// The shown environment's config snapshots and drift warning, as last read (the Config view, key C).
    public var configSnapshots: ConfigSnapshotListing?
    /// Until when each protected environment's actions are unlocked (key U).
    public var unlockedUntil: [String: Date] = [:]
    /// How long an unlock lasts, in seconds.
    public var unlockSeconds: Double = 600

    /// Whether actions are off now: `--read-only`, or a protected environment not unlocked.
    public var actionsLocked: Bool {
        readOnly || (environment.protected && (unlockedUntil[environment.name] ?? .distantPast) <= now)
    }

    /// Seconds left of the shown environment's unlock, when it is protected and unlocked.
    public var unlockRemaining: Double? {
        guard environment.protected, let until = unlockedUntil[environment.name], until > now else { return nil }
        return until.timeIntervalSince(now)
    }
    /// The Sessions view's state while it is open (or its dialog is).
    public var sessionsView: SessionsViewState?
    /// The action running now, if any (one at a time).
    public var runningAction: RunningAction?
    /// What the running or last action printed (the Output pane), nil before the first action.
    public var actionOutput: ActionOutput?
    /// A one-line notice for the footer (e.g. a theme that failed to load), cleared by the next key.
    public var notice: String?
    /// The shown environment's coordination store as its watcher last reported it.
    public var coordination = CoordinationView()
    /// The Logs view's lines and place while it is open (``Overlay/logs``), and how many streams were opened.
    public var logView: LogView?
    public var logStreams = 0

    /// The shown environment's alerts and silences as last polled (the Alerts view, the header's counts).
    public var alerting = AlertingState()

    /// How many events the timeline keeps.
    public static let eventLimit = 500

    /// Creates the state of a fresh dashboard on `environments[environmentIndex]`.
    public init(environments: [EnvironmentConfig], environmentIndex: Int, theme: String, themes: [String],
                readOnly: Bool, bindings: KeyBindings = .standard, now: Date, width: Int, height: Int) {
        self.environments = environments
        self.environmentIndex = environmentIndex
        actions = ActionCatalog(environments: environments)
        probes = environments[environmentIndex].probes.map(ProbeState.init)
        self.theme = theme
        self.themes = themes
        self.readOnly = readOnly
        self.bindings = bindings
        self.now = now
        self.width = width
        self.height = height
    }

    /// The environment shown.
    public var environment: EnvironmentConfig { environments[environmentIndex] }

    /// The probes the panes draw: frozen while paused, live otherwise.
    public var shownProbes: [ProbeState] { frozen ?? probes }

    /// Whether the data is frozen.
    public var paused: Bool { frozen != nil }

    /// The shown probes that pass the filter (``ServicesFilter``: name, `status:`, `kind:`), in the
    /// order of ``sort``.
    public var filteredProbes: [ProbeState] {
        let matching = filter.isEmpty ? shownProbes : shownProbes.filter(ServicesFilter(filter).matches)
        return sort.apply(matching, now: now)
    }

    /// The environment's status: the worst of its probes that are not `optional` (`unknown` when none is).
    public var overallStatus: ProbeStatus {
        ProbeStatus.worst(of: shownProbes.filter { !$0.config.optional }.map(\.status))
    }

    /// The `optional` probes shown `down` now (the header's `2 optional down`, apart from the verdict).
    public var optionalDown: [ProbeState] { shownProbes.filter { $0.config.optional && $0.status == .down } }

    /// The first postgres probe, the first redis probe and the main (first) http probe.
    public var postgresProbe: ProbeState? { shownProbes.first { $0.config.kind == .postgres } }
    public var redisProbe: ProbeState? { shownProbes.first { $0.config.kind == .redis } }
    public var mainHTTPProbe: ProbeState? { shownProbes.first { $0.config.kind == .http } }

    /// The selected row of `pane`, clamped to `count` rows.
    public func selectedRow(_ pane: Pane, count: Int) -> Int {
        guard count > 0 else { return 0 }
        if pane == .services, sort.column != nil, let name = selectedService,
           let row = filteredProbes.firstIndex(where: { $0.config.name == name }) {
            return min(row, count - 1)
        }
        return min(max(selection[pane] ?? 0, 0), count - 1)
    }

    /// The panes on screen now, in focus order: Output only while there is action output to show, and
    /// then in place of API latency (which is hidden and takes no focus).
    public var visiblePanes: [Pane] {
        let showOutput = actionOutput?.visible == true
        return Pane.allCases.filter { showOutput ? $0 != .latency : $0 != .output }
    }

    /// Whether the screen is too small for even the compact layout.
    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The smallest usable terminal.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
}
