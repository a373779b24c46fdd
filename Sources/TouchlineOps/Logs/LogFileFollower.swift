import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// Follows a log file like `tail -F`: starts at its last lines, reads what is appended, and notices
/// (checked every 250 ms while nothing new arrives) when the file is replaced (rotation: the rest of
/// the old file is read, then the new one from its start), truncated (read again from the start) or
/// missing (waited for). A last line without its newline is shown after half a second of quiet. While the
/// file grows its end is looked at every 10 ms, once quiet every 100 ms. A FIFO is read as its writers
/// write (opened without blocking, so no writer is waited for in `open`); anything else that is not a
/// regular file (a device such as `/dev/zero`, a directory, a socket) is refused with one line, also when
/// the path is replaced by one: a device would be read without end.
final class LogFileFollower: Sendable {
    private let path: String
    private let stopped = Mutex(false)

    /// A follower of `path`.
    init(path: String) {
        self.path = path
    }

    /// Stops ``follow(startLines:onLines:tick:)`` within 100 ms.
    func stop() {
        stopped.withLock { $0 = true }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    /// Why `path`, opened as `fd`, is not followed (`verb` "follow") or read (`cannot follow /dev/zero: is a
    /// character device, not a regular file or a FIFO`), nil for a regular file or a FIFO.
    static func refusal(_ fd: Int32, path: String, verb: String = "follow") -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return SystemError.text("cannot \(verb) \(path)") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFREG || kind == S_IFIFO { return nil }
        if kind == S_IFDIR { return "cannot \(verb) \(path): is a directory, not a file" }
        return "cannot \(verb) \(path): is \(BoundedFile.kindName(kind)), not a regular file or a FIFO"
    }

    /// Follows the file on the calling thread until ``stop()``, starting with its last `startLines` lines;
    /// hands lines (with how many were cut) to `onLines`, and calls `tick` at least every 100 ms. Returns
    /// nil when stopped, or why it gave up (the path is, or became, something that is not followed).
    @discardableResult
    func follow(startLines: Int, onLines: (_ lines: [LogLine], _ cut: Int) -> Void, tick: () -> Void) -> String? {
        var cutter = LogLineCutter()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var fd: Int32 = -1
        var identity: (dev: UInt64, ino: UInt64) = (0, 0)
        var offset: off_t = 0
        var missingNoted = false
        var lastData = ContinuousClock.now
        var lastCheck = ContinuousClock.now
        var partialShown = true
        var isFIFO = false
        var refused: String?
        func note(_ text: String, _ level: LogLevel = .warn) { onLines([LogLine.note(text, level: level)], 0) }
        func open(fromLines lines: Int?) -> Bool {
            let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard opened >= 0 else {
                if !missingNoted { note(SystemError.text("cannot open \(path)") + "; waiting for it", .error) }
                missingNoted = true
                return false
            }
            if let refusal = Self.refusal(opened, path: path) {
                close(opened)
                refused = refusal
                return false
            }
            var info = stat()
            fstat(opened, &info)
            fd = opened
            identity = (UInt64(info.st_dev), UInt64(info.st_ino))
            isFIFO = info.st_mode & S_IFMT == S_IFIFO
            offset = isFIFO ? 0 : lines.map { LogFileTail.startOffset(of: opened, size: info.st_size, lines: $0) } ?? 0
            if !isFIFO { lseek(fd, offset, SEEK_SET) }
            if missingNoted { note("\(path) is there: following it", .other) }
            missingNoted = false
            return true
        }
        _ = open(fromLines: startLines)
        while !isStopped {
            if let refused {
                if let last = cutter.finish() { onLines([last], 0) }
                return refused
            }
            if fd < 0 {
                tick()
                usleep(250_000)
                _ = open(fromLines: nil)
                continue
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += off_t(count)
                lastData = .now
                partialShown = false
                let before = cutter.cut
                let lines = chunk.withUnsafeBytes { cutter.feed(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                onLines(lines, cutter.cut - before)
                tick()
                continue
            }
            if count < 0 && errno == EINTR { continue }
            // At the end (a FIFO: nothing written yet, EAGAIN, or no writer, 0) of the file: wait (10 ms while the file is growing, so lines arrive as they are
            // written; 100 ms once it has been quiet for a second), then look at what the path is now.
            tick()
            let quiet = lastData.duration(to: .now)
            usleep(quiet < .seconds(1) ? 10_000 : 100_000)
            if !partialShown, quiet >= .milliseconds(500) {
                partialShown = true
                if let last = cutter.finish() { onLines([last], 0) }
            }
            guard lastCheck.duration(to: .now) >= .milliseconds(250) else { continue }
            lastCheck = .now
            var now = stat()
            var current = stat()
            fstat(fd, &current)
            if stat(path, &now) != 0 {
                if !missingNoted { note("\(path) is gone (rotated or deleted): waiting for it") }
                missingNoted = true
                continue
            }
            if (UInt64(now.st_dev), UInt64(now.st_ino)) != identity {
                if let last = cutter.finish() { onLines([last], 0) }
                close(fd)
                fd = -1
                missingNoted = false
                note("\(path) was replaced (rotated): following the new file", .other)
                _ = open(fromLines: nil)
            } else if !isFIFO, current.st_size < offset {
                if let last = cutter.finish() { onLines([last], 0) }
                note("\(path) was truncated: reading from its start", .other)
                offset = 0
                lseek(fd, 0, SEEK_SET)
            }
        }
        if fd >= 0 { close(fd) }
        return nil
    }
}
