import TouchlineCore

/// Lets a probe thread sleep until its next poll while staying wakeable for "poll now" and "stop".
final class WakeSignal: @unchecked Sendable {
    // @unchecked Sendable: the flags are only touched under `condition` (Mutex has no wait).
    private let condition = ConditionVariable()
    private var woken = false
    private var stopped = false

    /// Sleeps up to `seconds`, or until woken; returns false once stopped.
    func sleep(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let until = ContinuousClock.now + .milliseconds(Int64(clampingFinite: (max(0, seconds) * 1000).rounded()))
        while !woken && !stopped {
            if !condition.wait(until: until) { break }
        }
        woken = false
        return !stopped
    }

    /// Ends the current sleep early.
    func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    /// Ends the current sleep and every later one.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Whether ``stop()`` was called.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
