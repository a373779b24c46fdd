import TouchlineCore

/// Where the dashboard's frames go and its keys come from: the curses terminal (`TerminalScreen` in
/// TouchlineTerminal) or a test backend that records frames and plays scripted keys in-process.
///
/// The loop owns one backend; every call comes from the loop's thread.
public protocol ScreenBackend: AnyObject {
    /// The screen size in cells (columns, rows).
    var size: (width: Int, height: Int) { get }
    /// Whether colours are off (attributes only).
    var monochrome: Bool { get }
    /// Takes the screen (curses mode for a terminal); throws a one-line error when it cannot.
    func start() throws
    /// Gives the screen back; safe to call twice.
    func stop()
    /// Uses `theme`'s styles for the following frames.
    func setTheme(_ theme: Theme)
    /// Draws `frame`, changing only what differs from the previous one.
    func paint(_ frame: CellBuffer)
    /// Forgets what is on screen, so the next paint redraws everything (after a resize).
    func invalidate()
    /// Sleeps until a key is waiting, `wakeDescriptor` becomes readable, or `milliseconds` pass.
    func waitForInput(milliseconds: Int32, wakeDescriptor: Int32)
    /// The keys waiting now (without blocking) and whether the screen was resized since the last call.
    func readInput() -> (keys: [KeyPress], resized: Bool)
    /// Rings the terminal bell (a new critical alert).
    func bell()
}

extension ScreenBackend {
    /// No bell by default.
    public func bell() {}
}
