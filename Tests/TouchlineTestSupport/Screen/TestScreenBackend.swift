import Foundation
import Glibc
import TouchlineCore
import TouchlineUI

/// A screen for in-process dashboard tests (ratatui's test backend): records every painted frame and plays a
/// script of keys, one at a time, each once the previous key was answered by a frame or `keyGap` passed.
///
/// Used from the loop's thread only; read ``frames`` after the loop returned.
public final class TestScreenBackend: ScreenBackend {
    public private(set) var size: (width: Int, height: Int)
    public let monochrome = true
    /// Every frame painted, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// The keys not played yet.
    public private(set) var pending: [KeyPress]
    /// The longest wait for a frame after a key before the next key is played anyway, in milliseconds.
    private let keyGap: Int
    private var lastKeyAt: ContinuousClock.Instant?
    private var paintedSinceKey = true
    private var resizedTo: (width: Int, height: Int)?
    /// Whether ``start()`` was called and ``stop()`` not yet.
    public private(set) var started = false

    /// A screen of `width` × `height` cells that will play `keys` in order.
    public init(width: Int = 120, height: Int = 40, keys: [KeyPress], keyGap: Int = 300) {
        size = (width, height)
        pending = keys
        self.keyGap = keyGap
    }

    /// The text of the last frame painted ("" before the first).
    public var lastText: String { frames.last?.text ?? "" }

    /// Makes the next ``readInput()`` report a resize to `width` × `height`.
    public func resize(width: Int, height: Int) { resizedTo = (width, height) }

    public func start() throws { started = true }
    public func stop() { started = false }
    public func setTheme(_ theme: Theme) {}
    public func invalidate() {}

    public func paint(_ frame: CellBuffer) {
        frames.append(frame)
        paintedSinceKey = true
    }

    /// Returns at once when a key is due, otherwise sleeps on `wakeDescriptor` for at most `milliseconds`
    /// (capped so the key gap is honoured).
    public func waitForInput(milliseconds: Int32, wakeDescriptor: Int32) {
        if keyDue { return }
        var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, min(milliseconds, 20))
    }

    public func readInput() -> (keys: [KeyPress], resized: Bool) {
        var resized = false
        if let size = resizedTo {
            self.size = size
            resizedTo = nil
            resized = true
        }
        guard keyDue, !pending.isEmpty else { return ([], resized) }
        lastKeyAt = .now
        paintedSinceKey = false
        return ([pending.removeFirst()], resized)
    }

    /// Whether the next key may be played: the previous one was answered by a frame, or `keyGap` passed.
    private var keyDue: Bool {
        guard !pending.isEmpty else { return false }
        guard let last = lastKeyAt else { return !frames.isEmpty }
        return paintedSinceKey || last.duration(to: .now) >= .milliseconds(keyGap)
    }
}
