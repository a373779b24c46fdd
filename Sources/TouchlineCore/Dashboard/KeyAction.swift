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

    /// What the help overlay says the action does.
    public var summary: String {
        switch self {
        case .quit: return "quit"
        case .help: return "show or hide this help"
        case .focusNext: return "focus the next pane"
        case .focusPrevious: return "focus the previous pane"
        case .zoom: return "zoom the focused pane to the full screen and back"
        case .environments: return "pick an environment (1-9 jump straight to one)"
        case .refresh: return "poll every probe now"
        case .pause: return "pause (freeze the shown data) / resume"
        case .filter: return "filter the services list"
        case .theme: return "cycle themes"
        case .up: return "move the selection up"
        case .down: return "move the selection down"
        case .backup: return "back up the database (confirmation first)"
        case .restart: return "restart the selected service (confirmation first)"
        case .rollback: return "roll the application back: pick a release (confirmation first)"
        case .backups: return "list the backups with age, size and verification"
        case .restore: return "restore the backup selected in Backups (safety backup first)"
        case .unlock: return "unlock a protected environment's actions for 10 minutes"
        }
    }

    /// The default keys.
    public var defaultKeys: [KeyPress] {
        switch self {
        case .quit: return [.character("q")]
        case .help: return [.character("?")]
        case .focusNext: return [.tab]
        case .focusPrevious: return [.backTab]
        case .zoom: return [.enter]
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
        }
    }
}
