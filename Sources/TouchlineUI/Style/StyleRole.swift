/// What a cell means on screen; themes map each role to colours and attributes, code never names a colour.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    /// Ordinary text and values.
    case text
    /// Secondary text: units, separators, hints.
    case dim
    /// Field names in front of values (`active`, `Sessions`).
    case label
    /// Healthy: probe up, value within its target.
    case ok
    /// Needs attention: degraded, value near its limit.
    case warn
    /// Broken: probe down, value over its limit.
    case critical
    /// Not polled yet.
    case unknown
    /// Data older than three poll intervals.
    case stale
    /// Pane borders.
    case border
    /// The border of the pane that has the keyboard.
    case borderFocused
    /// Pane titles on the border.
    case title
    /// The header bar and column headings.
    case header
    /// The footer bar text.
    case footer
    /// Key names in hints and help.
    case key
    /// The highlighted row.
    case selection
    /// Overlay boxes (help, environment picker).
    case dialog
    /// Overlay boxes about something dangerous.
    case dialogDanger
    /// Latency graphs and sparklines.
    case graph
    /// The filled part of a bar.
    case barFill
    /// The empty part of a bar.
    case barEmpty
    /// The label of an unprotected environment (staging).
    case envStaging
    /// The label of a protected environment (production): must be unmistakable.
    case envProduction
    /// The PAUSED badge.
    case paused
    /// The READ-ONLY badge.
    case readOnly
    /// A one-line notice in the footer.
    case notice

    /// The snake_case name used in theme files, e.g. `border_focused`.
    public var name: String {
        switch self {
        case .text: return "text"
        case .dim: return "dim"
        case .label: return "label"
        case .ok: return "ok"
        case .warn: return "warn"
        case .critical: return "critical"
        case .unknown: return "unknown"
        case .stale: return "stale"
        case .border: return "border"
        case .borderFocused: return "border_focused"
        case .title: return "title"
        case .header: return "header"
        case .footer: return "footer"
        case .key: return "key"
        case .selection: return "selection"
        case .dialog: return "dialog"
        case .dialogDanger: return "dialog_danger"
        case .graph: return "graph"
        case .barFill: return "bar_fill"
        case .barEmpty: return "bar_empty"
        case .envStaging: return "env_staging"
        case .envProduction: return "env_production"
        case .paused: return "paused"
        case .readOnly: return "read_only"
        case .notice: return "notice"
        }
    }

    /// The one character that stands for the role in style overlays of snapshots.
    public var code: Character {
        switch self {
        case .text: return "."
        case .dim: return "d"
        case .label: return "l"
        case .ok: return "o"
        case .warn: return "w"
        case .critical: return "c"
        case .unknown: return "u"
        case .stale: return "s"
        case .border: return "b"
        case .borderFocused: return "B"
        case .title: return "T"
        case .header: return "h"
        case .footer: return "f"
        case .key: return "k"
        case .selection: return "S"
        case .dialog: return "D"
        case .dialogDanger: return "X"
        case .graph: return "g"
        case .barFill: return "F"
        case .barEmpty: return "e"
        case .envStaging: return "E"
        case .envProduction: return "P"
        case .paused: return "p"
        case .readOnly: return "r"
        case .notice: return "n"
        }
    }

    /// A small dense index (0..<allCases.count) for palette tables: the position in ``Theme/stylesBySlot``.
    public var slot: Int { Int(rawValue) }

    /// The role of palette slot `slot`, nil when out of range.
    public init?(slot: Int) {
        guard slot >= 0, slot <= Int(UInt8.max), let role = StyleRole(rawValue: UInt8(slot)) else { return nil }
        self = role
    }

    /// The role named `name` in a theme file (snake_case), nil when there is none.
    public init?(name: String) {
        guard let role = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }

    /// The legend of the style overlay: `code=name` for every role, space separated.
    public static var legend: String {
        allCases.map { "\($0.code)=\($0.name)" }.joined(separator: " ")
    }
}
