/// Why libpq cannot parse a connection string: libpq's own message with every quoted fragment of the
/// operator's text replaced by `"…"`, because libpq quotes the offending token or the whole URI, which
/// can hold the password (`missing "=" after "ss"` for `password=pa ss`). A quoted single punctuation
/// character (`"="`, `"]"`) and libpq's own keywords (`"password"`) are kept, so the message still says what is wrong.
public struct ConnectionStringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, safe to show and record.
    public var message: String

    /// Creates the error from libpq's `message` about `text`; `keywords` are the keywords libpq knows.
    public init(libpqMessage message: String, text: String, keywords: [String]) {
        var safe = Self.withoutQuotedText(message.split(whereSeparator: \.isNewline).joined(separator: " "), keywords: keywords)
        let lower = text.lowercased()
        if (lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://"))
            && !(text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")) {
            safe += " (libpq reads a URI only when it starts with postgresql:// or postgres:// in lower case)"
        }
        self.message = safe
    }

    public var description: String { message }

    /// `message` with each `"…"` fragment that is not punctuation or a libpq keyword replaced by `"…"`.
    static func withoutQuotedText(_ message: String, keywords: [String]) -> String {
        let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return message }
        var result = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { result += "\"" }
            let inside = index % 2 == 1 && index < parts.count - 1
            let keep = (part.count <= 1 && part.allSatisfy { $0.isPunctuation || $0.isSymbol }) || keywords.contains(String(part))
            result += inside && !keep ? "…" : String(part)
        }
        return result
    }
}
