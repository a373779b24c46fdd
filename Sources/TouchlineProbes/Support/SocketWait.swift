import Glibc

/// Waits on one file descriptor with `poll()` until it is ready or a deadline passes.
public enum SocketWait {
    /// Waits for `events` (POLLIN / POLLOUT) on `fd`; throws the deadline's timeout error when it passes.
    public static func wait(_ fd: Int32, events: Int16, deadline: Deadline) throws(ProbeFailure) {
        while true {
            let remaining = deadline.remainingMilliseconds
            if remaining <= 0 { throw deadline.timeoutError }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let result = poll(&descriptor, 1, remaining)
            if result > 0 { return }
            if result == 0 { throw deadline.timeoutError }
            if errno != EINTR { throw ProbeFailure("poll failed: \(String(cString: strerror(errno)))") }
        }
    }

    /// Ignores SIGPIPE once per process, so a write to a closed socket is an error, not death.
    public static func ignoreBrokenPipes() {
        _ = brokenPipesIgnored
    }

    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
}
