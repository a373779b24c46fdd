import CNcursesw

/// What the terminfo entry of a terminal type offers a full-screen program, read before curses starts.
///
/// The dashboard is drawn by moving the cursor and overwriting cells, so it needs cursor addressing
/// (terminfo `cup`) and a way to clear the screen (`clear`, or `ed` from the home position), on a terminal
/// that is neither hard-copy (`hc`) nor generic (`gn`). The decision comes from these capabilities, never from
/// a list of type names. ncurses refuses a generic entry without `cup` and `clear` like a missing one (see
/// ``TerminalScreen/start()``).
struct TerminalCapabilities: Sendable, Equatable {
    /// Whether `cup` is missing.
    var lacksCursorAddressing: Bool
    /// Whether both `clear` and `ed` are missing.
    var lacksClearing: Bool
    /// Whether the entry has the `hc` flag, or the `gn` flag (ncurses refuses both alike).
    var hardCopyOrGeneric: Bool

    /// Reads the entry of `term` from the terminfo database; nil when there is none (or a bare generic one).
    init?(term: String) {
        let bits = touchline_terminal_shortcomings(term)
        guard bits >= 0 else { return nil }
        lacksCursorAddressing = bits & TOUCHLINE_TERM_NO_CUP != 0
        lacksClearing = bits & TOUCHLINE_TERM_NO_CLEAR != 0
        hardCopyOrGeneric = bits & TOUCHLINE_TERM_HARDCOPY != 0
    }

    /// Why the dashboard cannot be drawn on a terminal of type `term`, as one line for the operator,
    /// or nil when it can.
    func refusal(term: String) -> String? {
        let reason: String
        if hardCopyOrGeneric {
            reason = "is a hard-copy or generic type"
        } else if lacksCursorAddressing {
            reason = "cannot address the cursor"
        } else if lacksClearing {
            reason = "cannot clear the screen"
        } else {
            return nil
        }
        return "terminal type '\(term)' \(reason); use a full-screen terminal, or touchline check"
    }
}
