/// Case-insensitive (ASCII) search of the Logs view: whether a line matches, and where, for highlights.
public enum LogSearch {
    /// Whether `text` contains `query`, ASCII letters compared without case.
    public static func contains(_ text: String, _ query: String) -> Bool {
        !query.isEmpty && !ranges(of: query, in: text, limit: 1).isEmpty
    }

    /// The non-overlapping places of `query` in `text` (at most `limit`), as string ranges.
    public static func ranges(of query: String, in text: String, limit: Int = 64) -> [Range<String.Index>] {
        let needle = Array(query.utf8).map(lower)
        guard !needle.isEmpty else { return [] }
        let bytes = Array(text.utf8)
        guard bytes.count >= needle.count else { return [] }
        var found: [Range<String.Index>] = []
        var index = 0
        let last = bytes.count - needle.count
        while index <= last && found.count < limit {
            var offset = 0
            while offset < needle.count && lower(bytes[index + offset]) == needle[offset] { offset += 1 }
            if offset == needle.count {
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: index)
                let end = text.utf8.index(start, offsetBy: needle.count)
                found.append(start..<end)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
}
