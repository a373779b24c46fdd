/// A key as the reducer sees it, independent of the terminal library.
public enum KeyPress: Sendable, Hashable {
    case character(Character)
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end

    /// Parses a key name of the `[keys]` table: a single character, or `tab`, `shift-tab`, `enter`,
    /// `esc`, `backspace`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `space`, and
    /// `ctrl-a` … `ctrl-z` (control characters; Ctrl-H, I, J and M are Backspace, Tab and Enter).
    public init?(name: String) {
        switch name.lowercased() {
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "backspace": self = .backspace
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "space": self = .character(" ")
        case let control where control.hasPrefix("ctrl-") && control.count == 6:
            guard let letter = control.last?.asciiValue, (97...122).contains(letter),
                  let scalar = Unicode.Scalar(UInt32(letter - 96)), ![8, 9, 10, 13].contains(letter - 96) else { return nil }
            self = .character(Character(scalar))
        default:
            guard name.count == 1, let character = name.first else { return nil }
            self = .character(character)
        }
    }

    /// How the help overlay and footer write the key.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character):
            if let value = character.unicodeScalars.first?.value, value >= 1, value <= 26, character.unicodeScalars.count == 1,
               let letter = Unicode.Scalar(value + 64) {
                return "Ctrl-" + String(Character(letter))
            }
            return String(character)
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        }
    }
}
