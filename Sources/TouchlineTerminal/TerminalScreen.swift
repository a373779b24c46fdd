import CNcursesw
import Foundation
import Glibc
import TouchlineCore

/// The one owner of ncurses: starts and restores the terminal, reads keys, and paints frames by
/// writing only the cells that changed since the last one, then one refresh.
///
/// Must be used from one thread only (the dashboard's loop).
public final class TerminalScreen {
    private var screen: OpaquePointer?
    private var previous: [[(String, Int)]] = []
    private var attributes: [attr_t] = []
    private var pairs: [Int16] = []
    private var started = false
    /// Whether colours are off (NO_COLOR, --no-color or a terminal without colours).
    public private(set) var monochrome: Bool

    /// Prepares a screen; nothing changes on the terminal until ``start()``.
    public init(monochrome: Bool) {
        self.monochrome = monochrome
    }

    /// Enters curses mode; throws a one-line error for a missing or unknown TERM or a non-terminal.
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
        touchline_save_terminal()
        guard let created = newterm(nil, touchline_stdout(), touchline_stdin()) else {
            throw TerminalError("unknown terminal type '\(term)' (TERM): cannot drive it (try TERM=xterm-256color)")
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

    /// Sets the styles of the palette's slots (call again when the theme changes; forces a full repaint).
    public func setStyles(_ styles: [TerminalStyle]) {
        let colours = Int(touchline_colors())
        attributes = []
        pairs = []
        for (index, style) in styles.enumerated() {
            var attribute: attr_t = 0
            if style.bold { attribute |= touchline_a_bold() }
            if style.reverse { attribute |= touchline_a_reverse() }
            if style.underline { attribute |= touchline_a_underline() }
            if style.dim { attribute |= touchline_a_dim() }
            var pair: Int16 = 0
            if !monochrome, index + 1 < Int(touchline_color_pairs()) {
                let fg = style.foreground.map { colours >= 256 ? ColorMapper.xterm256($0) : ColorMapper.basic($0) } ?? -1
                let bg = style.background.map { colours >= 256 ? ColorMapper.xterm256($0) : ColorMapper.basic($0) } ?? -1
                pair = Int16(index + 1)
                init_pair(pair, fg, bg)
            }
            attributes.append(attribute)
            pairs.append(pair)
        }
        previous = []
    }

    /// Reads every key waiting on the terminal without blocking.
    public func readInput() -> (keys: [KeyPress], resized: Bool) {
        var keys: [KeyPress] = []
        var resized = false
        var code: wint_t = 0
        while true {
            let result = wget_wch(touchline_stdscr(), &code)
            let decoded: KeyDecoder.Input
            if result == KEY_CODE_YES {
                decoded = KeyDecoder.function(Int32(code))
            } else if result == OK {
                decoded = KeyDecoder.character(UInt32(code))
            } else {
                break
            }
            switch decoded {
            case .key(let key): keys.append(key)
            case .resize: resized = true
            case .ignored: break
            }
        }
        return (keys, resized)
    }

    /// Writes the cells of `frame` that differ from the last frame, then refreshes once.
    public func paint(_ frame: some PaintableScreen) {
        let window = touchline_stdscr()
        let full = previous.count != frame.height || previous.first?.count != frame.width
        if full {
            previous = Array(repeating: Array(repeating: ("\u{0}", -1), count: frame.width), count: frame.height)
            werase(window)
        }
        var cell = cchar_t()
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let grapheme = frame.grapheme(x: x, y: y)
                let slot = frame.styleSlot(x: x, y: y)
                if !full, previous[y][x].0 == grapheme, previous[y][x].1 == slot { continue }
                previous[y][x] = (grapheme, slot)
                if grapheme.isEmpty { continue }
                let attribute = slot >= 0 && slot < attributes.count ? attributes[slot] : 0
                let pair = slot >= 0 && slot < pairs.count ? pairs[slot] : 0
                var wide = grapheme.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
                wide.append(0)
                setcchar(&cell, wide, attribute, pair, nil)
                if y == frame.height - 1 && x == frame.width - 1 {
                    // Writing the bottom-right cell would scroll; insert instead.
                    wmove(window, Int32(y), Int32(x))
                    wins_wch(window, &cell)
                } else {
                    mvwadd_wch(window, Int32(y), Int32(x), &cell)
                }
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets what is on screen so the next paint redraws everything (after a resume or resize).
    public func invalidate() {
        previous = []
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
