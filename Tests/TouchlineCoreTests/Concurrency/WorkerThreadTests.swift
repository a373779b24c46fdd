import Foundation
import Synchronization
import Testing
import TouchlineCore

/// The pthread replacements for Foundation's Thread, NSCondition and Thread.sleep: a named detached thread,
/// a condition that times out on the monotonic clock and wakes on a signal, and a sleep that sleeps.
@Suite("WorkerThread, ConditionVariable, BlockingSleep")
struct WorkerThreadTests {
    /// The names of this process's threads, from /proc/self/task/*/comm.
    private func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingWhitespace() }
    }

    @Test("a worker thread runs its closure under its name, cut to 15 bytes")
    func namedThread() {
        let condition = ConditionVariable()
        let state = Mutex<(started: Bool, release: Bool)>((false, false))
        WorkerThread.start(name: "touchline-worker-name-test", stackSize: 256 * 1024) {
            condition.withLock {
                state.withLock { $0.started = true }
                condition.broadcast()
                while !state.withLock({ $0.release }) { condition.wait() }
            }
        }
        condition.withLock {
            while !state.withLock({ $0.started }) { _ = condition.wait(seconds: 1) }
        }
        #expect(threadNames().contains("touchline-worke"), "\(threadNames())")
        condition.withLock {
            state.withLock { $0.release = true }
            condition.broadcast()
        }
    }

    @Test("a wait with nobody signalling times out after its time, not before; a signal ends it early")
    func timedWait() {
        let condition = ConditionVariable()
        let start = ContinuousClock.now
        let signalled = condition.withLock { condition.wait(seconds: 0.15) }
        let waited = ContinuousClock.now - start
        #expect(!signalled)
        #expect(waited >= .milliseconds(150) && waited < .seconds(2), "\(waited)")

        let flag = Mutex(false)
        WorkerThread.start(name: "touchline-signal") {
            BlockingSleep.seconds(0.05)
            condition.withLock {
                flag.withLock { $0 = true }
                condition.signal()
            }
        }
        let early = ContinuousClock.now
        condition.withLock {
            while !flag.withLock({ $0 }) { if !condition.wait(until: early + .seconds(5)) { break } }
        }
        #expect(flag.withLock { $0 })
        #expect(ContinuousClock.now - early < .seconds(3))
    }

    @Test("BlockingSleep sleeps the time asked, nothing for zero or less")
    func sleep() {
        let start = ContinuousClock.now
        BlockingSleep.seconds(0.1)
        #expect(ContinuousClock.now - start >= .milliseconds(100))
        let none = ContinuousClock.now
        BlockingSleep.seconds(0)
        BlockingSleep.seconds(-1)
        BlockingSleep.seconds(.nan)
        #expect(ContinuousClock.now - none < .milliseconds(50))
        let until = ContinuousClock.now + .milliseconds(60)
        BlockingSleep.until(until)
        #expect(ContinuousClock.now >= until)
    }
}
