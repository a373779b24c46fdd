import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// A log command (argv, no shell) running in a process group of its own, its standard output and
/// standard error read as one stream by a thread of its own. ``stop()`` ends the whole group: SIGTERM,
/// then SIGKILL two seconds later for whatever is left, so no process outlives the view; and it runs under
/// a guard (``GuardedSpawn``) that ends the group when touchline itself is killed.
final class LogCommandProcess: Sendable {
    private struct Status {
        var exit: Int32?
        var stopping = false
        var finished = false
    }

    /// The process group's id: the pid of the guard that leads it (its exit status is the command's); nil when it could not start.
    let processGroup: pid_t?
    /// Why it could not start (`cannot run nosuch: No such file or directory`).
    let startError: String?
    private let readEnd: Int32
    private let status = Mutex(Status())

    /// Starts `argv` in `directory` with `environment`; nothing is read until ``read(into:onLines:)``.
    init(argv: [String], directory: String?, environment: [String: String]) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            processGroup = nil
            startError = SystemError.text("pipe")
            readEnd = -1
            return
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        do {
            let pid = try GuardedSpawn.spawn(argv: argv, environment: environment, directory: directory,
                                             output: ends[1], error: ends[1])
            processGroup = pid
            startError = nil
        } catch {
            processGroup = nil
            startError = error.message
        }
        close(ends[1])
        readEnd = ends[0]
        if processGroup == nil { close(readEnd) }
    }

    /// Reads the stream on the calling thread until it ends or ``stop()``: hands lines to `onLines`
    /// (with how many were cut) and calls `tick` at least every 50 ms. Returns the exit code (128 +
    /// signal when a signal ended it), nil when stopped.
    func read(onLines: (_ lines: [LogLine], _ cut: Int) -> Void, tick: () -> Void) -> Int32? {
        guard let pid = processGroup else { return nil }
        WorkerThread.start(name: "touchline-log-wait") { [self] in
            var raw: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &raw, 0) } while reaped < 0 && errno == EINTR
            let code: Int32 = reaped != pid ? 255 : (raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f))
            status.withLock { $0.exit = code }
        }
        var cutter = LogLineCutter()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var quietSinceExit = 0
        while true {
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if status.withLock({ $0.stopping }) { break }
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                tick()
                // The command exited but something it started holds the pipe: stop once it is quiet.
                if status.withLock({ $0.exit != nil }) {
                    quietSinceExit += 1
                    if quietSinceExit >= 4 { break }
                }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            let before = cutter.cut
            let lines = chunk.withUnsafeBytes { cutter.feed(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            onLines(lines, cutter.cut - before)
            tick()
        }
        if let last = cutter.finish() { onLines([last], 0) }
        close(readEnd)
        let stopping = status.withLock { $0.stopping }
        if stopping { return nil }
        // EOF: the exit status follows within moments (a command closing its output and living on is stopped).
        for _ in 0..<40 where status.withLock({ $0.exit == nil }) { usleep(25_000) }
        if status.withLock({ $0.exit == nil }) {
            terminateGroup()
            for _ in 0..<120 where status.withLock({ $0.exit == nil }) { usleep(25_000) }
        }
        return status.withLock { $0.exit }
    }

    /// Stops the group: SIGTERM now, SIGKILL to whatever is left of the group after `grace` seconds;
    /// returns once the group is gone (at most `grace` + 1 s).
    func stop(grace: Double = 2) {
        guard status.withLock({ state in
            defer { state.stopping = true }
            return !state.stopping
        }) else { return }
        terminateGroup(grace: grace)
    }

    private func terminateGroup(grace: Double = 2) {
        guard let group = processGroup else { return }
        kill(-group, SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: grace * 1000)))
        while ContinuousClock.now < deadline && Self.groupAlive(group) { usleep(20_000) }
        if Self.groupAlive(group) { kill(-group, SIGKILL) }
        let end = ContinuousClock.now.advanced(by: .seconds(1))
        while ContinuousClock.now < end && Self.groupAlive(group) { usleep(20_000) }
    }

    /// Whether any process (zombies of our own child aside once reaped) is left in `group`.
    static func groupAlive(_ group: pid_t) -> Bool {
        kill(-group, 0) == 0 || errno == EPERM
    }
}
