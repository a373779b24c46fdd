/// Turns the raw bytes of one log line into text the screen can draw: ANSI escape sequences removed,
/// other control bytes and invalid UTF-8 shown as `�`, tabs as four spaces, a trailing `\r` dropped,
/// and at most ``lineLimit`` bytes kept (a megabyte line is cut, and says so).
public enum LogText {
    /// Bytes of a line that are kept; the rest is cut (the line then ends with `… [cut N bytes]`).
    public static let lineLimit = 4096

    /// The printable text of `bytes` (one line, without its newline); `total` is the line's full length
    /// in bytes when only its first part is in `bytes` (a cut line).
    public static func line(_ bytes: UnsafeBufferPointer<UInt8>, total: Int? = nil) -> LogLine {
        var end = min(bytes.count, lineLimit)
        if end > 0 && bytes[end - 1] == 13 { end -= 1 }
        var clean: [UInt8] = []
        clean.reserveCapacity(end)
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte >= 32 && byte != 127 {
                clean.append(byte)
                index += 1
                continue
            }
            if byte == 27 {
                index = skipEscape(bytes, from: index, end: end)
            } else if byte == 9 {
                clean.append(contentsOf: [32, 32, 32, 32])
                index += 1
            } else {
                clean.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += 1
            }
        }
        var text = String(decoding: clean, as: UTF8.self)
        let level = clean.withUnsafeBufferPointer { LogLevel.classify(bytes: $0) }
        let full = total ?? bytes.count
        if full > lineLimit { text += " … [cut \(full - lineLimit) bytes]" }
        return LogLine(text: text, level: level)
    }

    /// ``line(_:total:)`` of a string (tests, a command's error text).
    public static func line(_ text: String) -> LogLine {
        var text = text
        return text.withUTF8 { line($0) }
    }

    /// The index after the escape sequence starting at `start`: CSI (`ESC [ … final`), OSC (`ESC ] … BEL`
    /// or `ESC \`), or a two-byte escape.
    private static func skipEscape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start + 1
        guard index < end else { return end }
        switch bytes[index] {
        case 91:  // [
            index += 1
            while index < end && !(bytes[index] >= 0x40 && bytes[index] <= 0x7E) { index += 1 }
            return min(end, index + 1)
        case 93:  // ]
            index += 1
            while index < end && bytes[index] != 7 && bytes[index] != 27 { index += 1 }
            return min(end, index + (index < end && bytes[index] == 27 ? 2 : 1))
        default:
            return index + 1
        }
    }
}
