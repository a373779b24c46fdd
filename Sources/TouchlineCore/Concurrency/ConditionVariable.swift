#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with a condition to wait on, from pthreads (`pthread_mutex_t` + `pthread_cond_t` on the
/// monotonic clock, so a change of the wall clock neither shortens nor stretches a wait). Replaces
/// Foundation's `NSCondition`; `Synchronization.Mutex` has no wait.
public final class ConditionVariable: @unchecked Sendable {
    // @unchecked Sendable: the pthread objects are built for use from many threads; they live in heap
    // memory of their own so their addresses never move.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// A new, unlocked condition.
    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Takes the mutex.
    public func lock() { pthread_mutex_lock(mutex) }

    /// Releases the mutex.
    public func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` holding the mutex.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Waits (the mutex held) until signalled.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits (the mutex held) at most `seconds`; false when the time ran out without a signal.
    @discardableResult
    public func wait(seconds: Double) -> Bool {
        guard seconds > 0 else { return false }
        var deadline = timespec()
        #if canImport(Glibc)
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        #else
        clock_gettime(CLOCK_REALTIME, &deadline)
        #endif
        // At most about 30 years ahead: tv_sec must not overflow (NaN waits not at all).
        let bounded = seconds.isNaN ? 0 : min(max(0, seconds), 1e9)
        let whole = bounded.rounded(.down)
        let total = Int(deadline.tv_nsec) + Int((bounded - whole) * 1_000_000_000)
        deadline.tv_sec += Int(whole) + total / 1_000_000_000
        deadline.tv_nsec = total % 1_000_000_000
        return pthread_cond_timedwait(condition, mutex, &deadline) == 0
    }

    /// Waits (the mutex held) until `deadline` on the continuous clock; false when it passed without a signal.
    @discardableResult
    public func wait(until deadline: ContinuousClock.Instant) -> Bool {
        let left = ContinuousClock.now.duration(to: deadline)
        return wait(seconds: Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
    }

    /// Wakes one waiter.
    public func signal() { pthread_cond_signal(condition) }

    /// Wakes every waiter.
    public func broadcast() { pthread_cond_broadcast(condition) }
}
