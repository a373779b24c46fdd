/// Removes passwords from text that is about to be shown or logged.
public enum SecretRedactor {
    /// Replaces the value of `password=` in a libpq connection string (and a URI's user info) with `***`.
    public static func redactDSN(_ dsn: String) -> String {
        var result = dsn
        if let range = result.range(of: "password=") {
            var end = range.upperBound
            if end < result.endIndex, result[end] == "'" {
                end = result[result.index(after: end)...].firstIndex(of: "'").map { result.index(after: $0) } ?? result.endIndex
            } else {
                end = result[end...].firstIndex(of: " ") ?? result.endIndex
            }
            result.replaceSubrange(range.upperBound..<end, with: "***")
        }
        if let scheme = result.range(of: "://"), let at = result[scheme.upperBound...].firstIndex(of: "@"),
           let colon = result[scheme.upperBound..<at].firstIndex(of: ":") {
            result.replaceSubrange(result.index(after: colon)..<at, with: "***")
        }
        return result
    }
}
