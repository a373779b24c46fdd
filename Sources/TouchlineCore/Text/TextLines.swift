/// Lines of text split at every kind of line end a file may use: `\n`, `\r\n` and a lone `\r`.
///
/// Swift's `split(separator: "\n")` misses `\r\n` (one `Character`), which loses the line numbers of a
/// Windows-edited file; this is the one place positions are counted from.
public enum TextLines {
    /// Whether `character` ends a line: `\n`, `\r\n` or `\r`.
    public static func isLineEnd(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// The lines of `text` without their line ends; line `n` (1-based) is element `n - 1`. A text ending with a
    /// line end has an empty last element, as with `split(separator:omittingEmptySubsequences: false)`.
    public static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: isLineEnd)
    }

    /// `text` with each line replaced by `transform` of it, every line end kept as it was.
    public static func mapLines(_ text: String, _ transform: (Substring) -> String) -> String {
        var result = ""
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            if isLineEnd(text[index]) {
                result += transform(text[start..<index])
                result.append(text[index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        result += transform(text[start..<text.endIndex])
        return result
    }

    /// `text` without a byte-order mark at its start.
    public static func withoutByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }
}
