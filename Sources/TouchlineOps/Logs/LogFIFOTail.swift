import Glibc
import TouchlineCore

/// A look at a FIFO named as a log `file`, without following it: it has no end to read back from, so it is
/// read as a command's output is (``LogTail/read(_:lines:pick:seconds:environment:)``): what its writers write
/// within `seconds`, its first lines (or, for ``LogTail/Pick/last``, until it was quiet for half a second after
/// its first lines, keeping the last), never waiting for a writer in `open`.
enum LogFIFOTail {
    /// Whether the path names a FIFO (following links).
    static func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    /// Up to `lines` lines of the FIFO at `path`, and how many were cut.
    ///
    /// - Throws: the one-line reason it cannot be opened.
    static func read(path: String, lines wanted: Int, pick: LogTail.Pick, seconds: Double) throws(ActionFailure)
        -> (lines: [LogLine], cut: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot open \(path)")) }
        defer { close(fd) }
        if let refusal = LogFileFollower.refusal(fd, path: path, verb: "read") { throw ActionFailure(refusal) }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
        var cutter = LogLineCutter()
        var kept: [LogLine] = []
        var lastLine: ContinuousClock.Instant?
        var chunk = [UInt8](repeating: 0, count: 65536)
        while ContinuousClock.now < deadline {
            if pick == .first, kept.count >= wanted { break }
            if pick == .last, let lastLine, lastLine.duration(to: .now) >= .milliseconds(500) { break }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                usleep(20_000)  // nothing written yet (EAGAIN), or no writer (0): look again
                continue
            }
            let got = chunk.withUnsafeBytes { cutter.feed(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if !got.isEmpty { lastLine = .now }
            kept += got
            if pick == .last, kept.count > wanted * 2 { kept.removeFirst(kept.count - wanted) }
        }
        if let last = cutter.finish() { kept.append(last) }
        return (pick == .first ? Array(kept.prefix(wanted)) : Array(kept.suffix(wanted)), cutter.cut)
    }
}
