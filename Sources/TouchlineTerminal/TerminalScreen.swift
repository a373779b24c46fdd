import CNcursesw
import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineUI

/// The one owner of ncurses: starts and restores the terminal, reads keys, and paints frames by
/// writing only the cells that changed since the last one, then one refresh.
///
/// Must be used from one thread only (the dashboard's loop).
public final class TerminalScreen {
    private var screen: OpaquePointer?
    private var previous: CellBuffer?
    private var attributes: [attr_t] = []
    private var pairs: [Int16] = []
    private var started = false
    /// Whether colours are off (NO_COLOR, --no-color or a terminal without colours).
    public private(set) var monochrome: Bool

    /// Prepares a screen; nothing changes on the terminal until ``start()``.
    public init(monochrome: Bool) {
        self.monochrome = monochrome
    }

    /// Enters curses mode; throws a one-line error for a missing or unknown TERM, a terminal type that cannot
    /// be driven full-screen (see ``TerminalCapabilities``) or a non-terminal.
    public func start() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the dashboard needs a terminal (use `touchline check` in scripts)")
        }
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else {
            throw TerminalError("TERM is not set: cannot drive the terminal (try TERM=xterm-256color)")
        }
        if setlocale(LC_ALL, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
            setlocale(LC_ALL, "C.UTF-8")
        }
        if let refusal = TerminalCapabilities(term: term)?.refusal(term: term) {
            throw TerminalError(refusal)
        }
        touchline_save_terminal()
        guard let created = newterm(nil, touchline_stdout(), touchline_stdin()) else {
            throw TerminalError("terminal type '\(term)' is not in the terminfo database or is generic (it names no "
                                + "particular terminal); use a full-screen terminal (e.g. TERM=xterm-256color), or touchline check")
        }
        screen = created
        set_term(created)
        started = true
        touchline_install_crash_handlers()
        cbreak()
        noecho()
        nonl()
        intrflush(touchline_stdscr(), false)
        keypad(touchline_stdscr(), true)
        nodelay(touchline_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if !monochrome && has_colors() {
            start_color()
            use_default_colors()
        } else {
            monochrome = true
        }
    }

    /// The terminal's size now.
    public var size: (width: Int, height: Int) { (Int(touchline_cols()), Int(touchline_lines())) }

    /// Uses `theme` for every role from now on (forces a full repaint); colours are downgraded to
    /// 256 or 8 as the terminal allows, and dropped in monochrome mode.
    public func setTheme(_ theme: Theme) {
        let colours = Int(touchline_colors())
        attributes = []
        pairs = []
        for role in StyleRole.allCases {
            let style = theme[role]
            var attribute: attr_t = 0
            if style.bold { attribute |= touchline_a_bold() }
            if style.reverse { attribute |= touchline_a_reverse() }
            if style.underline { attribute |= touchline_a_underline() }
            if style.dim { attribute |= touchline_a_dim() }
            var pair: Int16 = 0
            let slot = Int(role.rawValue) + 1
            if !monochrome, style.hasColor, slot < Int(touchline_color_pairs()) {
                func index(_ color: RGB?) -> Int16 {
                    guard let color else { return -1 }
                    return Int16(colours >= 256 ? ColorDowngrade.xterm256Index(color) : ColorDowngrade.basicIndex(color))
                }
                pair = Int16(slot)
                init_pair(pair, index(style.foreground), index(style.background))
            }
            attributes.append(attribute)
            pairs.append(pair)
        }
        previous = nil
    }

    /// Reads every key waiting on the terminal without blocking. Sequences the terminfo entry does not name
    /// arrive as single characters after an ESC; ``EscapeSequence`` reads them (End as `ESC [ 4 ~`).
    public func readInput() -> (keys: [KeyPress], resized: Bool) {
        var reads: [KeyDecoder.Read] = []
        var code: wint_t = 0
        while true {
            let result = wget_wch(touchline_stdscr(), &code)
            if result == KEY_CODE_YES {
                reads.append(.function(Int32(code)))
            } else if result == OK {
                reads.append(.character(UInt32(code)))
            } else {
                break
            }
        }
        var keys: [KeyPress] = []
        var resized = false
        for decoded in KeyDecoder.decode(reads) {
            switch decoded {
            case .key(let key): keys.append(key)
            case .resize: resized = true
            case .ignored: break
            }
        }
        return (keys, resized)
    }

    /// Writes the cells of `frame` that differ from the last frame, then refreshes once.
    public func paint(_ frame: CellBuffer) {
        let window = touchline_stdscr()
        let last = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        if last == nil { werase(window) }
        var cell = cchar_t()
        var wide: [wchar_t] = [0, 0, 0, 0, 0]
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let current = frame[x, y]
                if let last, last[x, y] == current { continue }
                if current.isContinuation { continue }
                let slot = Int(current.role.rawValue)
                let attribute = slot < attributes.count ? attributes[slot] : 0
                let pair = slot < pairs.count ? pairs[slot] : 0
                var count = 0
                for scalar in current.grapheme.unicodeScalars where count < 4 {
                    wide[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                wide[count] = 0
                setcchar(&cell, wide, attribute, pair, nil)
                if y == frame.height - 1 && x == frame.width - 1 {
                    // Writing the bottom-right cell would scroll the screen; insert it instead.
                    wmove(window, Int32(y), Int32(x))
                    wins_wch(window, &cell)
                } else {
                    mvwadd_wch(window, Int32(y), Int32(x), &cell)
                }
            }
        }
        previous = frame
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets what is on screen so the next paint redraws everything (after a resume or resize).
    /// Rings the terminal's bell (`beep()`: audible, or the flash the terminal is set to).
    public func bell() { _ = beep() }

    public func invalidate() {
        previous = nil
        clearok(touchline_curscr(), true)
    }

    /// Leaves curses mode and restores the terminal as it was; safe to call twice.
    public func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        touchline_restore_terminal_raw()
    }
}
