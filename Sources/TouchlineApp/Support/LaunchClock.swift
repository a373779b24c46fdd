#if canImport(Glibc)
import Glibc
#endif

/// The instant the process started its Swift code, for "time to first frame". When the dashboard re-executed
/// itself (``GnuTLSImplicitInit``), the first image's start, handed over in the environment, so the re-exec is
/// inside the figure.
public enum LaunchClock {
    /// The environment variable carrying the first image's start (CLOCK_MONOTONIC, nanoseconds) across the exec.
    static let inheritedVariable = "TOUCHLINE_LAUNCHED_MONOTONIC_NS"

    /// Set on first access; `Entry.main` touches it first thing.
    public static let launched: ContinuousClock.Instant = {
        let now = ContinuousClock.now
        guard let raw = getenv(inheritedVariable), let started = UInt64(String(cString: raw)) else { return now }
        let current = monotonicNanoseconds()
        guard current >= started, current - started < 60_000_000_000 else { return now }
        return now - .nanoseconds(Int64(current - started))
    }()

    /// CLOCK_MONOTONIC now, in nanoseconds: the same clock in every process of the machine.
    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
