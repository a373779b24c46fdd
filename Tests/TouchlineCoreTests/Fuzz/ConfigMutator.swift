import Foundation

/// Breaks a config file the way hands and disks do — a character deleted, a line duplicated, a value of
/// the wrong type, a truncation, garbage bytes, stray unicode — driven by a seeded generator so every
/// run makes the same inputs.
struct ConfigMutator {
    /// SplitMix64: small, fast, and the same sequence on every platform for a seed.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    static let values = ["1", "-5", "3.5", "true", "\"x\"", "\"\"", "[]", "[1, \"a\"]", "{ a = 1 }", "1979-05-27",
                         "07:32:00", "inf", "nan", "0x10", "\"2s\"", "\"-1s\"", "\"999999999999h\"", "9223372036854775807",
                         "\"\\u0000\"", "[[1]]", "\"http://[::1\"", "\"127.0.0.1:99999\"", "'''multi\nline'''"]
    static let unicode: [String] = ["\u{0}", "\u{7}", "\u{FEFF}", "\u{202E}", "\u{301}", "é", "😀", "\u{FFFD}", "\u{10FFFF}",
                                    "\u{2028}", "\r", "\t", "\\", "\"", "'", "[", "]", "=", "#", "{", "}", ",", "."]

    /// `bytes` with one to three mutations applied; also names them, for the failure message.
    mutating func mutate(_ bytes: [UInt8]) -> (bytes: [UInt8], applied: [String]) {
        var data = bytes
        var applied: [String] = []
        for _ in 0..<(1 + below(3)) {
            guard !data.isEmpty else { break }
            switch below(7) {
            case 0:
                let at = below(data.count)
                data.remove(at: at)
                applied.append("delete byte \(at)")
            case 1:
                var lines = Self.lines(data)
                let at = below(lines.count)
                lines.insert(lines[at], at: at)
                data = Array(lines.joined(separator: [0x0A]))
                applied.append("duplicate line \(at + 1)")
            case 2:
                var lines = Self.lines(data)
                let candidates = lines.indices.filter { lines[$0].contains(0x3D) }
                guard !candidates.isEmpty else { continue }
                let at = candidates[below(candidates.count)]
                let value = Self.values[below(Self.values.count)]
                if let equals = lines[at].firstIndex(of: 0x3D) {
                    lines[at] = Array(lines[at][...equals]) + Array(" \(value)".utf8)
                }
                data = Array(lines.joined(separator: [0x0A]))
                applied.append("line \(at + 1) = \(value)")
            case 3:
                let at = below(data.count)
                data = Array(data[..<at])
                applied.append("truncate at \(at)")
            case 4:
                let at = below(data.count + 1)
                let garbage = (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: next()) }
                data.insert(contentsOf: garbage, at: at)
                applied.append("garbage \(garbage) at \(at)")
            case 5:
                let at = Self.characterBoundary(in: data, near: below(data.count + 1))
                let text = Self.unicode[below(Self.unicode.count)]
                data.insert(contentsOf: Array(text.utf8), at: at)
                applied.append("insert \(text.unicodeScalars.map { String($0.value, radix: 16) }) at \(at)")
            default:
                var lines = Self.lines(data)
                let at = below(lines.count)
                lines.remove(at: at)
                data = Array(lines.joined(separator: [0x0A]))
                applied.append("delete line \(at + 1)")
            }
        }
        return (data, applied)
    }

    private static func lines(_ data: [UInt8]) -> [[UInt8]] {
        data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    /// The nearest offset at or before `offset` that does not split a UTF-8 sequence.
    private static func characterBoundary(in data: [UInt8], near offset: Int) -> Int {
        var at = min(offset, data.count)
        while at > 0, at < data.count, data[at] & 0xC0 == 0x80 { at -= 1 }
        return at
    }
}
