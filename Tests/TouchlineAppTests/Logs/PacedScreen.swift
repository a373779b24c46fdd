import Foundation
import Glibc
import TouchlineCore
import TouchlineUI

/// A screen that records when each frame was painted and asks `driver` for keys on every pass of the loop
/// (keys by time and by what was painted, unlike ``TestScreenBackend``'s fixed script): for measuring that
/// frames keep their pace while a log floods in.
final class PacedScreen: ScreenBackend {
    let size: (width: Int, height: Int)
    let monochrome = true
    /// When each frame was painted, oldest first.
    private(set) var paints: [ContinuousClock.Instant] = []
    /// The last frame's text.
    private(set) var lastText = ""
    /// Called on the loop's thread between passes; returns the keys to play now.
    var driver: (PacedScreen) -> [KeyPress] = { _ in [] }

    init(width: Int = 120, height: Int = 40) {
        size = (width, height)
    }

    func start() throws {}
    func stop() {}
    func setTheme(_ theme: Theme) {}
    func invalidate() {}

    func paint(_ frame: CellBuffer) {
        paints.append(.now)
        lastText = frame.text
    }

    func waitForInput(milliseconds: Int32, wakeDescriptor: Int32) {
        var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, min(milliseconds, 10))
    }

    func readInput() -> (keys: [KeyPress], resized: Bool) {
        (driver(self), false)
    }
}
