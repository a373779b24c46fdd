/// What a key can do on the dashboard; the names are those of the `[keys]` table.
public enum KeyAction: String, Sendable, CaseIterable {
    case quit
    case help
    case focusNext = "focus_next"
    case focusPrevious = "focus_prev"
    case zoom
    case environments
    case refresh
    case pause
    case filter
    case theme
    case up
    case down
    case backup
    case restart
    case rollback
    case backups
    case restore
    case unlock
    case cancel
    case output
    case snapshot
    case rehearse
    case reload
    case detail
    case sortNext = "sort_next"
    case sortPrevious = "sort_prev"
    case sortReverse = "sort_reverse"
    case configSnapshots = "config_snapshots"
    case sessions
    case redisDiagnostics = "redis_diagnostics"
    case acknowledge
    case logs
    case alerts

    /// What the help overlay says the action does (short: the help fits 80x24 in two columns).
    public var summary: String {
        switch self {
        case .quit: return "quit"
        case .help: return "show or hide this help"
        case .focusNext: return "focus the next pane"
        case .focusPrevious: return "focus the previous pane"
        case .zoom: return "zoom the focused pane"
        case .environments: return "pick an environment"
        case .refresh: return "poll every probe now"
        case .pause: return "pause / resume the data"
        case .filter: return "filter the services list"
        case .theme: return "cycle themes"
        case .up: return "select up / scroll back"
        case .down: return "select down / scroll on"
        case .backup: return "back up the database"
        case .restart: return "restart selected service"
        case .rollback: return "roll back to a release"
        case .backups: return "backups and verification"
        case .restore: return "restore (in Backups view)"
        case .unlock: return "unlock protected env 10 min"
        case .cancel: return "cancel the running action"
        case .output: return "show/hide action output"
        case .snapshot: return "incident snapshot to a file"
        case .rehearse: return "rehearse a deployment"
        case .reload: return "reload config.toml in place"
        case .detail: return "service detail (else zoom)"
        case .sortNext: return "sort Services: next column"
        case .sortPrevious: return "sort Services: prev column"
        case .sortReverse: return "reverse the sort order"
        case .configSnapshots: return "config snapshots and diffs"
        case .sessions: return "PostgreSQL sessions"
        case .redisDiagnostics: return "Redis diagnostics"
        case .acknowledge: return "acknowledge red row (team)"
        case .logs: return "logs of selected service"
        case .alerts: return "alerts and silences"
        }
    }

    /// The default keys.
    public var defaultKeys: [KeyPress] {
        switch self {
        case .quit: return [.character("q")]
        case .help: return [.character("?")]
        case .focusNext: return [.tab]
        case .focusPrevious: return [.backTab]
        case .zoom: return [.character("z")]
        case .environments: return [.character("e")]
        case .refresh: return [.character("r")]
        case .pause: return [.character("p")]
        case .filter: return [.character("/")]
        case .theme: return [.character("t")]
        case .up: return [.up, .character("k")]
        case .down: return [.down, .character("j")]
        case .backup: return [.character("b")]
        case .restart: return [.character("s")]
        case .rollback: return [.character("u")]
        case .backups: return [.character("B")]
        case .restore: return [.character("R")]
        case .unlock: return [.character("U")]
        case .cancel: return [.character("c")]
        case .output: return [.character("o")]
        case .snapshot: return [.character("S")]
        case .rehearse: return [.character("D")]
        case .reload: return [.character("\u{12}")]
        case .detail: return [.enter]
        case .sortNext: return [.character(">")]
        case .sortPrevious: return [.character("<")]
        case .sortReverse: return [.character("I")]
        case .configSnapshots: return [.character("C")]
        case .sessions: return [.character("a")]
        case .redisDiagnostics: return [.character("d")]
        case .acknowledge: return [.character("A")]
        case .logs: return [.character("l")]
        case .alerts: return [.character("!")]
        }
    }
}
