import TouchlineCore

/// Cuts a byte stream into log lines: at most ``LogText/lineLimit`` bytes of a line are held (the rest
/// is skipped up to its newline and counted), so a megabyte line or binary garbage never grows memory.
/// Not thread-safe: one reader thread owns it.
struct LogLineCutter {
    private var partial: [UInt8] = []
    private var partialTotal = 0
    /// Lines cut so far.
    private(set) var cut = 0

    /// Whether a line without its newline is held.
    var holdsPartial: Bool { partialTotal > 0 }

    /// The complete lines `chunk` ends; a partial last line is held for the next chunk.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [LogLine] {
        var lines: [LogLine] = []
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while start < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            guard let newline = rest.firstIndex(of: 10) else {
                hold(rest)
                break
            }
            let piece = UnsafeBufferPointer(rebasing: rest[..<newline])
            if partialTotal == 0 {
                lines.append(make(piece, total: piece.count))
            } else {
                hold(piece)
                lines.append(flushPartial())
            }
            start += newline - rest.startIndex + 1
        }
        return lines
    }

    /// The held partial line as a line of its own (the stream ended, or it waited long enough), if any.
    mutating func finish() -> LogLine? {
        partialTotal > 0 ? flushPartial() : nil
    }

    private mutating func hold(_ piece: UnsafeBufferPointer<UInt8>) {
        let room = LogText.lineLimit - partial.count
        if room > 0 { partial.append(contentsOf: piece.prefix(room)) }
        partialTotal += piece.count
    }

    private mutating func flushPartial() -> LogLine {
        let line = partial.withUnsafeBufferPointer { make($0, total: partialTotal) }
        partial.removeAll(keepingCapacity: partial.capacity <= 8192)
        partialTotal = 0
        return line
    }

    private mutating func make(_ bytes: UnsafeBufferPointer<UInt8>, total: Int) -> LogLine {
        if total > LogText.lineLimit { cut += 1 }
        return LogText.line(bytes, total: total)
    }
}
