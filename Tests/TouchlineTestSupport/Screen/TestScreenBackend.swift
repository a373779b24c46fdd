import Foundation
import Glibc
import TouchlineCore
import TouchlineUI

/// A screen for in-process dashboard tests (ratatui's test backend): records every painted frame and plays a
/// script of keys, one at a time, each once the previous key was answered by a frame or `keyGap` passed.
///
/// Besides keys, a script can run a closure on the loop's thread (post a sample, finish a fake runner) and wait
/// until the last frame shows a text (an action's output arriving from its own thread): ``Step``. A wait that is
/// not met within `stepTimeout` is recorded in ``failures`` and calls `onTimeout` (which ends the loop).
///
/// Used from the loop's thread only; read ``frames`` after the loop returned.
public final class TestScreenBackend: ScreenBackend {
    /// One step of a script.
    public enum Step {
        /// Play this key once the previous one was answered.
        case key(KeyPress)
        /// Run this on the loop's thread, between two passes of the loop.
        case perform(() -> Void)
        /// Hold the next step until the last frame's text satisfies the test (named by `what` in failures).
        case waitUntil(String, (String) -> Bool)
    }

    public private(set) var size: (width: Int, height: Int)
    public let monochrome = true
    /// Every frame painted, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// The steps not played yet.
    public private(set) var steps: [Step]
    /// The keys not played yet.
    public var pending: [KeyPress] { steps.compactMap { if case .key(let key) = $0 { key } else { nil } } }
    /// Every theme the loop set, oldest first (the style the frames would be drawn in).
    public private(set) var themes: [Theme] = []
    /// The waits that timed out, by the name given in ``Step/waitUntil(_:_:)``.
    public private(set) var failures: [String] = []
    /// Called once when a wait times out; a harness ends the loop from it.
    public var onTimeout: () -> Void = {}
    private let stepTimeout: Duration
    private var waitingSince: ContinuousClock.Instant?
    /// The longest wait for a frame after a key before the next key is played anyway, in milliseconds.
    private let keyGap: Int
    private var lastKeyAt: ContinuousClock.Instant?
    private var paintedSinceKey = true
    private var resizedTo: (width: Int, height: Int)?
    /// Whether ``start()`` was called and ``stop()`` not yet.
    public private(set) var started = false

    /// A screen of `width` × `height` cells that will play `keys` in order.
    public convenience init(width: Int = 120, height: Int = 40, keys: [KeyPress], keyGap: Int = 300) {
        self.init(width: width, height: height, script: keys.map { .key($0) }, keyGap: keyGap)
    }

    /// A screen of `width` × `height` cells that will play `script` in order.
    public init(width: Int = 120, height: Int = 40, script: [Step], keyGap: Int = 300, stepTimeout: Duration = .seconds(5)) {
        size = (width, height)
        steps = script
        self.keyGap = keyGap
        self.stepTimeout = stepTimeout
    }

    /// The text of the last frame painted ("" before the first).
    public var lastText: String { frames.last?.text ?? "" }

    /// Makes the next ``readInput()`` report a resize to `width` × `height`.
    public func resize(width: Int, height: Int) { resizedTo = (width, height) }

    public func start() throws { started = true }
    public func stop() { started = false }
    public func setTheme(_ theme: Theme) { themes.append(theme) }
    public func invalidate() {}

    public func paint(_ frame: CellBuffer) {
        frames.append(frame)
        paintedSinceKey = true
    }

    /// Returns at once when a key is due, otherwise sleeps on `wakeDescriptor` for at most `milliseconds`
    /// (capped so the key gap is honoured).
    public func waitForInput(milliseconds: Int32, wakeDescriptor: Int32) {
        if keyDue || stepDue { return }
        var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, min(milliseconds, 20))
    }

    /// How many times the bell rang.
    public private(set) var bells = 0

    public func bell() { bells += 1 }

    public func readInput() -> (keys: [KeyPress], resized: Bool) {
        var resized = false
        if let size = resizedTo {
            self.size = size
            resizedTo = nil
            resized = true
        }
        while stepDue {
            switch steps.removeFirst() {
            case .perform(let body): body()
            case .waitUntil: waitingSince = nil
            case .key: break
            }
        }
        if case .waitUntil(let what, _) = steps.first, let since = waitingSince, since.duration(to: .now) > stepTimeout {
            failures.append(what)
            steps = []
            onTimeout()
        }
        guard keyDue, case .key(let key) = steps.first else { return ([], resized) }
        steps.removeFirst()
        lastKeyAt = .now
        paintedSinceKey = false
        return ([key], resized)
    }

    /// Whether the next step is a closure to run or a wait that is met (the first frame was painted).
    private var stepDue: Bool {
        guard !frames.isEmpty, let next = steps.first else { return false }
        switch next {
        case .key: return false
        case .perform: return true
        case .waitUntil(_, let test):
            if test(lastText) { return true }
            if waitingSince == nil { waitingSince = .now }
            return false
        }
    }

    /// Whether the next key may be played: the previous one was answered by a frame, or `keyGap` passed.
    private var keyDue: Bool {
        guard case .key = steps.first else { return false }
        guard let last = lastKeyAt else { return !frames.isEmpty }
        return paintedSinceKey || last.duration(to: .now) >= .milliseconds(keyGap)
    }
}
