/// The severity a log line carries, read from the usual markers (``classify(_:)``).
public enum LogLevel: Int, Sendable, Comparable {
    /// No marker found (or info, debug, notice).
    case other = 0
    /// `WARN`, `WARNING`, `level=warn`, `"level":"warning"`.
    case warn = 1
    /// `ERROR`, `FATAL`, `CRITICAL`, `PANIC`, `level=error`, `"level":"error"`.
    case error = 2

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level of `line` from its markers: a logfmt or JSON `level`/`severity`/`lvl` field first
    /// (`level=error`, `"level": "warn"`), else an upper-case word at a word boundary (`ERROR`, `ERROR:`,
    /// `[WARN]`, PostgreSQL's `FATAL:`, uvicorn's `WARNING:`). Case matters for bare words (`error` in a
    /// sentence is not a marker); field values are compared without case. Scans bytes, no allocation.
    public static func classify(_ line: String) -> LogLevel {
        var line = line
        return line.withUTF8 { classify(bytes: $0) }
    }

    /// ``classify(_:)`` over UTF-8 bytes.
    public static func classify(bytes: UnsafeBufferPointer<UInt8>) -> LogLevel {
        if let field = fieldLevel(bytes) { return field }
        var best = LogLevel.other
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte >= 65 && byte <= 90, index == 0 || !isWordByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < count && bytes[end] >= 65 && bytes[end] <= 90 { end += 1 }
            if end == count || !isWordByte(bytes[end]) {
                let level = wordLevel(bytes, from: index, to: end)
                if level == .error { return .error }
                if level > best { best = level }
            }
            index = end
        }
        return best
    }

    /// The level of a `level=`/`"level":` style field, when the line has one.
    private static func fieldLevel(_ bytes: UnsafeBufferPointer<UInt8>) -> LogLevel? {
        let count = bytes.count
        var index = 0
        while index < count {
            // Find a key: level, lvl, severity (any case), optionally quoted, then = or :.
            let byte = bytes[index] | 0x20
            guard byte == 108 || byte == 115, index == 0 || !isWordByte(bytes[index - 1]) else {  // l, s
                index += 1
                continue
            }
            var end = index
            while end < count && isWordByte(bytes[end]) { end += 1 }
            let key = lowercased(bytes, from: index, to: end)
            index = max(end, index + 1)
            guard key == "level" || key == "lvl" || key == "severity" else { continue }
            var cursor = end
            if cursor < count && bytes[cursor] == 34 { cursor += 1 }  // closing quote of a JSON key
            while cursor < count && bytes[cursor] == 32 { cursor += 1 }
            guard cursor < count, bytes[cursor] == 61 || bytes[cursor] == 58 else { continue }  // = or :
            cursor += 1
            while cursor < count && (bytes[cursor] == 32 || bytes[cursor] == 34) { cursor += 1 }
            var valueEnd = cursor
            while valueEnd < count && isWordByte(bytes[valueEnd]) { valueEnd += 1 }
            let value = lowercased(bytes, from: cursor, to: valueEnd)
            switch value {
            case "error", "err", "fatal", "critical", "crit", "panic", "alert", "emerg", "emergency": return .error
            case "warn", "warning": return .warn
            case "": continue
            default: return .other
            }
        }
        return nil
    }

    private static func wordLevel(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> LogLevel {
        switch end - start {
        case 3: return matches(bytes, start, "ERR") ? .error : .other
        case 4: return matches(bytes, start, "WARN") ? .warn : .other
        case 5: return matches(bytes, start, "ERROR") || matches(bytes, start, "FATAL") || matches(bytes, start, "PANIC") ? .error : .other
        case 7: return matches(bytes, start, "WARNING") ? .warn : .other
        case 8: return matches(bytes, start, "CRITICAL") ? .error : .other
        default: return .other
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard start + length <= bytes.count else { return false }
        for offset in 0..<length where bytes[start + offset] != word.utf8Start[offset] { return false }
        return true
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        guard end > start, end - start <= 10 else { return end > start ? "?" : "" }
        return String(decoding: bytes[start..<end].map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
    }
}
