import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// Follows a log file like `tail -F`: starts at its last lines, reads what is appended, and notices
/// (checked every 250 ms while nothing new arrives) when the file is replaced (rotation: the rest of
/// the old file is read, then the new one from its start), truncated (read again from the start) or
/// missing (waited for). A last line without its newline is shown after half a second of quiet. While the
/// file grows its end is looked at every 10 ms, once quiet every 100 ms.
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

    /// Follows the file on the calling thread until ``stop()``, starting with its last `startLines` lines;
    /// hands lines (with how many were cut) to `onLines`, and calls `tick` at least every 100 ms.
    func follow(startLines: Int, onLines: (_ lines: [LogLine], _ cut: Int) -> Void, tick: () -> Void) {
        var cutter = LogLineCutter()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var fd: Int32 = -1
        var identity: (dev: UInt64, ino: UInt64) = (0, 0)
        var offset: off_t = 0
        var missingNoted = false
        var lastData = ContinuousClock.now
        var lastCheck = ContinuousClock.now
        var partialShown = true
        func note(_ text: String, _ level: LogLevel = .warn) { onLines([LogLine.note(text, level: level)], 0) }
        func open(fromLines lines: Int?) -> Bool {
            let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else {
                if !missingNoted { note(SystemError.text("cannot open \(path)") + "; waiting for it", .error) }
                missingNoted = true
                return false
            }
            var info = stat()
            fstat(opened, &info)
            fd = opened
            identity = (UInt64(info.st_dev), UInt64(info.st_ino))
            offset = lines.map { LogFileTail.startOffset(of: opened, size: info.st_size, lines: $0) } ?? 0
            lseek(fd, offset, SEEK_SET)
            if missingNoted { note("\(path) is there: following it", .other) }
            missingNoted = false
            return true
        }
        _ = open(fromLines: startLines)
        while !isStopped {
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
            // At the end of the file: wait (10 ms while the file is growing, so lines arrive as they are
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
            } else if current.st_size < offset {
                if let last = cutter.finish() { onLines([last], 0) }
                note("\(path) was truncated: reading from its start", .other)
                offset = 0
                lseek(fd, 0, SEEK_SET)
            }
        }
        if fd >= 0 { close(fd) }
    }
}
