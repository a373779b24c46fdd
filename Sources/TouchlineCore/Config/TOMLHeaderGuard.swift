/// Finds table headers that toml++ cannot be trusted with.
///
/// toml++ (3.3 as Debian ships it, as well as 3.4) asserts — aborting the process where assertions are
/// on, undefined behaviour where they are off, as in CTOMLShim, built with NDEBUG — when a table
/// header's first key character is neither a bare-key character nor a quote: `[#]`, `[.a]`, `[=]`,
/// `[😀]`, a `[` alone at the end of a line. Such text is never valid TOML, so it is rejected here,
/// before toml++ sees it, with the message toml++ gives for the same mistake later in a key. The scan
/// follows strings, comments and multi-line values, so a `[` that opens an array inside a value is not
/// taken for a header.
enum TOMLHeaderGuard {
    /// The first bad header: its 1-based line and what followed the bracket; nil when there is none.
    static func firstBadHeader(in text: String) -> (line: Int, saw: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var depth = 0
        var inValue = false
        var lineStart = true
        func at(_ offset: Int) -> Unicode.Scalar? { offset < scalars.count ? scalars[offset] : nil }

        while let scalar = at(index) {
            if scalar == "\n" {
                line += 1
                if depth == 0 { inValue = false; lineStart = true }
                index += 1
                continue
            }
            if lineStart, scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
                continue
            }
            if lineStart, !inValue, depth == 0, scalar == "[" {
                lineStart = false
                // As toml++ reads it: '[', blanks, an optional second '[' (only right after the first: after
                // blanks toml++ reports the error itself), blanks, then the key, which it asserts on.
                var next = index + 1
                while at(next) == " " || at(next) == "\t" { next += 1 }
                if at(next) == "[", next == index + 1 {
                    next += 1
                    while at(next) == " " || at(next) == "\t" { next += 1 }
                }
                if let first = at(next), first != "]", !(first == "[" && next > index + 1 && at(index + 1) != "["),
                   !isKeyStart(first) {
                    return (line, describe(first))
                }
                index += 1
                continue
            }
            lineStart = false
            switch scalar {
            case "#":
                while let next = at(index), next != "\n" { index += 1 }
                continue
            case "\"", "'":
                index = skipString(scalars, from: index, quote: scalar, line: &line)
                continue
            case "=":
                if depth == 0 { inValue = true }
            case "[", "{":
                if inValue { depth += 1 }
            case "]", "}":
                if inValue, depth > 0 { depth -= 1 }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": return true
        default: return false
        }
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 || scalar.value == 0x7F ? "U+" + String(scalar.value, radix: 16, uppercase: true) : String(scalar)
    }

    /// The index just past the string opening at `start` (single or triple quoted), counting its newlines.
    static func skipString(_ scalars: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, line: inout Int) -> Int {
        let triple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (triple ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" && quote == "\"" {
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { line += 1 }
                index += 2
                continue
            }
            if scalar == "\n" {
                if !triple { return index }
                line += 1
            }
            if scalar == quote {
                if !triple { return index + 1 }
                if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                    var end = index + 3
                    while end < scalars.count, scalars[end] == quote, end < index + 5 { end += 1 }
                    return end
                }
            }
            index += 1
        }
        return index
    }
}
