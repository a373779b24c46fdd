#if canImport(Glibc)
import Glibc
#endif

/// Keeps GnuTLS from initialising itself in the dashboard, which never uses it.
///
/// GnuTLS is loaded only because Debian's libcurl needs librtmp and libldap, and libpq libldap, which are
/// linked against it; its library constructor initialises it at load (nettle, the system priority file,
/// p11-kit), before `main`, costing about 0.7 MB of resident memory (docs/LEAN.md). GnuTLS skips that when
/// `GNUTLS_NO_IMPLICIT_INIT=1` is in the environment at load, so the dashboard, which stays open for hours,
/// executes itself again once with it set. libldap and librtmp call `gnutls_global_init` themselves before
/// any use, so nothing that could use GnuTLS loses it. The variables are removed again first thing in the
/// new image, so no child (backup, restart, log commands) inherits them. Headless commands, which end in
/// milliseconds, do not re-execute.
public enum GnuTLSImplicitInit {
    /// GnuTLS's own switch.
    static let gnutlsVariable = "GNUTLS_NO_IMPLICIT_INIT"

    /// Re-executes this program with GnuTLS's implicit initialisation off, unless it is already off (set by
    /// the user, or this is the re-executed image, whose variables it then removes). Returns only when it did
    /// not re-execute: already done, or `execv` failed (then everything goes on as before, at the old cost).
    public static func skipByReexecuting() {
        if getenv(LaunchClock.inheritedVariable) != nil {
            unsetenv(LaunchClock.inheritedVariable)
            unsetenv(gnutlsVariable)
            return
        }
        guard getenv(gnutlsVariable) == nil else { return }
        let started = String(LaunchClock.monotonicNanoseconds() - elapsedSinceLaunch())
        setenv(gnutlsVariable, "1", 1)
        setenv(LaunchClock.inheritedVariable, started, 1)
        // The binary's own path, not /proc/self/exe: the kernel names a process after the file it executes,
        // and `ps`, `top`, `pgrep -x touchline` and `killall touchline` must keep seeing `touchline`.
        if let path = executablePath() { execv(path, CommandLine.unsafeArgv) }
        // Still here: the exec failed (no /proc, the binary replaced or deleted on disk); go on without it.
        unsetenv(LaunchClock.inheritedVariable)
        unsetenv(gnutlsVariable)
    }

    /// The running binary's path from /proc/self/exe; nil when unreadable or when the file is gone (the link
    /// then ends in ` (deleted)`).
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !path.hasSuffix(" (deleted)"), access(path, X_OK) == 0 else { return nil }
        return path
    }

    /// Nanoseconds since ``LaunchClock/launched``.
    private static func elapsedSinceLaunch() -> UInt64 {
        let elapsed = ContinuousClock.now - LaunchClock.launched
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        return UInt64(max(0, nanoseconds))
    }
}
