import Glibc
import TouchlineCore

/// The last lines of a file, read backwards from its end in 64 KiB steps (a multi-gigabyte log costs
/// only the bytes of those lines).
enum LogFileTail {
    /// The offset where the last `lines` lines of the open file `fd` (of `size` bytes) begin; a last line
    /// without its newline counts as a line.
    static func startOffset(of fd: Int32, size: off_t, lines: Int) -> off_t {
        guard lines > 0, size > 0 else { return size }
        var position = size
        var newlines = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        var lastByteChecked = false
        while position > 0 {
            let step = min(off_t(buffer.count), position)
            position -= step
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(step), position) }
            guard got > 0 else { return position + step }
            var index = got - 1
            if !lastByteChecked {
                lastByteChecked = true
                if buffer[index] == 10 { index -= 1 }  // the final newline ends the last line, not a new one
            }
            while index >= 0 {
                if buffer[index] == 10 {
                    newlines += 1
                    if newlines == lines { return position + off_t(index) + 1 }
                }
                index -= 1
            }
        }
        return 0
    }

    /// The last `lines` lines of the file at `path`, and how many were cut.
    ///
    /// - Throws: the one-line reason it cannot be opened (`cannot open PATH: No such file or directory`).
    static func read(path: String, lines: Int) throws(ActionFailure) -> (lines: [LogLine], cut: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot open \(path)")) }
        defer { close(fd) }
        if let refusal = LogFileFollower.refusal(fd, path: path, verb: "read") { throw ActionFailure(refusal) }
        var info = stat()
        fstat(fd, &info)
        guard info.st_mode & S_IFMT == S_IFREG else { throw ActionFailure("cannot read \(path): is a FIFO (read it as a stream)") }
        var offset = startOffset(of: fd, size: info.st_size, lines: lines)
        var cutter = LogLineCutter()
        var result: [LogLine] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while offset < info.st_size {
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            guard got > 0 else { break }
            offset += off_t(got)
            result += chunk.withUnsafeBytes { cutter.feed(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
        }
        if let last = cutter.finish() { result.append(last) }
        return (Array(result.suffix(lines)), cutter.cut)
    }
}
