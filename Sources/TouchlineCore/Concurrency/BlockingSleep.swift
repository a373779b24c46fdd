#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the calling thread (never a task of the cooperative pool) to sleep. Replaces Foundation's
/// `Thread.sleep`.
public enum BlockingSleep {
    /// Sleeps `seconds` (nothing for zero or less); resumes after a signal handler for the time left.
    public static func seconds(_ seconds: Double) {
        guard seconds > 0, seconds.isFinite else { return }
        let whole = seconds.rounded(.down)
        var request = timespec(tv_sec: Int(clampingFinite: whole), tv_nsec: Int((seconds - whole) * 1_000_000_000))
        var left = timespec()
        while nanosleep(&request, &left) == -1 && errno == EINTR { request = left }
    }

    /// Sleeps until `deadline` on the continuous clock.
    public static func until(_ deadline: ContinuousClock.Instant) {
        let left = ContinuousClock.now.duration(to: deadline)
        seconds(Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
    }
}
