import FoundationEssentials

/// Checks that a plain-format `pg_dump` output ended properly, from the last bytes of the SQL.
///
/// pg_dump writes `-- PostgreSQL database dump complete` as its last comment; since 15.14 (and
/// 13.22, 14.19, 16.10, 17.6) an `\unrestrict KEY` line follows it. After the trailer only blank
/// lines, comments and `\unrestrict` may appear; anything else means the file is not a whole dump.
public enum DumpTrailer {
    /// The completion comment pg_dump writes last.
    public static let marker = "-- PostgreSQL database dump complete"
    /// How many trailing bytes of the SQL a caller must keep for ``isComplete(tail:)``.
    public static let tailBytes = 4096

    /// Whether `tail` (the last bytes of the decompressed dump) ends with the completion trailer.
    public static func isComplete(tail: String) -> Bool {
        guard let range = tail.ranges(of: marker).last else { return false }
        let lines = tail[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: true)
        return lines.allSatisfy { line in
            let text = line.trimming(charactersIn: " \t")
            return text.isEmpty || text.hasPrefix("--") || text.hasPrefix("\\unrestrict ")
        }
    }
}
