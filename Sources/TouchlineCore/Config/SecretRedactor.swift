/// Removes passwords from text that is about to be shown or logged, using libpq's own parse of connection
/// strings (``ConnectionString``) rather than a search for one spelling of `password=`.
public enum SecretRedactor {
    /// `text` — a connection string, or a message that may quote one — with every password shown as `***`.
    ///
    /// A whole connection string libpq accepts becomes ``ConnectionString/redacted``. In any other text, each
    /// double-quoted fragment and each `postgresql://` / `postgres://` word that libpq parses as a connection
    /// string holding a password is replaced by its redacted form (a URI word libpq cannot parse by a
    /// placeholder). For a configured DSN use ``ConnectionString/display(_:)``, which never shows a string
    /// libpq cannot parse.
    public static func redactDSN(_ text: String) -> String {
        if looksLikeConnectionString(text), let parsed = try? ConnectionString(parsing: text) { return parsed.redacted }
        var result = redactQuoted(text)
        if result.contains("://") {
            result = result.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                guard word.hasPrefix("postgresql://") || word.hasPrefix("postgres://") else { return String(word) }
                guard let parsed = try? ConnectionString(parsing: String(word)) else { return "(a connection string libpq cannot parse)" }
                return parsed.secrets.isEmpty ? String(word) : parsed.redacted
            }.joined(separator: " ")
        }
        return result
    }

    /// `text` with every occurrence of each of `secrets` replaced by `***`; secrets shorter than 3 characters
    /// are left alone (replacing every `a` would make the text unreadable and reveal the password's length anyway).
    public static func scrub(_ text: String, secrets: [String]) -> String {
        secrets.filter { $0.count >= 3 }.sorted { $0.count > $1.count }.reduce(text) { $0.replacing($1, with: "***") }
    }

    private static func looksLikeConnectionString(_ text: String) -> Bool {
        text.contains("=") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Each double-quoted fragment that parses as a connection string holding a password, redacted.
    private static func redactQuoted(_ text: String) -> String {
        let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return text }
        return parts.enumerated().map { index, part -> String in
            guard index % 2 == 1, index < parts.count - 1, looksLikeConnectionString(String(part)),
                  let parsed = try? ConnectionString(parsing: String(part)), !parsed.secrets.isEmpty else { return String(part) }
            return parsed.redacted
        }.joined(separator: "\"")
    }
}
