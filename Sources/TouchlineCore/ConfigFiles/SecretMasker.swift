/// Masks the secrets of configuration text, for diffs, output and the audit log: the value of every key whose name
/// contains `PASSWORD`, `SECRET`, `TOKEN`, `KEY` or `CREDENTIAL` (any case) in `.env` lines (`KEY=value`,
/// `KEY = value`, `export KEY=value`, quoted, CRLF), YAML mappings (`key: value`, nested, quoted keys, inline
/// `{ key: value }`, JSON-style `"key":"value"`, and everything below a secret key: its children, list items and
/// block scalars), compose's list form (`- KEY=value`, `- "KEY=value"`), Kubernetes' `- name: KEY` / `value: v`,
/// commented-out assignments, and the password of any URL with userinfo (`postgres://user:pw@host/db`), wherever
/// it appears.
///
/// A masked value prints as `***`; in a diff's new side it says whether it differs from the old side's value of
/// the same key: `***(changed)` or `***(unchanged)` (``maskLines(_:comparedWith:)``). Values are compared, never
/// shown. The line-by-line work, with what the lines before said, is ``SecretLineMasker``'s.
public enum SecretMasker {
    /// The words that make a key secret (matched case-insensitively anywhere in the key).
    public static let secretWords = ["PASSWORD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"]
    /// What a secret value prints as.
    public static let mask = "***"

    /// One line split into its key, its value and what surrounds them.
    struct Assignment {
        var prefix: String
        var key: String
        var separator: String
        var value: String
        /// What follows the value: the closing quote of a quoted list item (`- "KEY=value"`).
        var suffix = ""
    }

    /// Whether `key` names a secret.
    public static func isSecret(key: String) -> Bool {
        let upper = key.uppercased()
        return secretWords.contains { upper.contains($0) }
    }

    /// `line` with its secret value and every URL password shown as `***` (one line alone: what the lines before
    /// it said is not known; for a whole text use ``maskText(_:)`` or ``maskLines(_:comparedWith:)``).
    public static func maskLine(_ line: String) -> String {
        var masker = SecretLineMasker()
        return masker.mask(line)
    }

    /// `text` masked line by line, each line knowing the ones before it; every line end kept.
    public static func maskText(_ text: String) -> String {
        var masker = SecretLineMasker()
        return masker.mask(text)
    }

    /// `lines` (one text's, in order) masked; with `old` (the other side's ``secrets(in:)``), each masked value
    /// says `(changed)` or `(unchanged)`.
    public static func maskLines(_ lines: [String], comparedWith old: [String: String]? = nil) -> [String] {
        var masker = SecretLineMasker(comparedWith: old)
        return lines.map { masker.mask($0) }
    }

    /// The secret values of `text` by identity (the key's YAML path; a URL's password under its line's path and
    /// `#urlN`), for ``maskLines(_:comparedWith:)``.
    public static func secrets(in text: String) -> [String: String] {
        var masker = SecretLineMasker()
        _ = masker.mask(text)
        return masker.secrets
    }

    /// One `line` masked; with `old` (the other side's ``secrets(in:)``), each masked value says `(changed)` or
    /// `(unchanged)` against the old value of the same key (a key the old side lacks is `(changed)`).
    public static func mask(_ line: String, comparedWith old: [String: String]?) -> String {
        var masker = SecretLineMasker(comparedWith: old)
        return masker.mask(line)
    }

    /// Splits `KEY=value`, `KEY = value`, `export KEY=value`, `- KEY=value`, `- "KEY=value"`, `key: value`,
    /// `"key": value`, `- key: value` (leading space kept in the prefix); nil for anything else (comments, blank
    /// lines, a bare list item).
    static func parse(_ line: String) -> Assignment? {
        var rest = Substring(line)
        var prefix = String(rest.prefix { $0 == " " || $0 == "\t" })
        rest = rest.dropFirst(prefix.count)
        if rest.hasPrefix("#") { return nil }
        for lead in ["- ", "export "] where rest.hasPrefix(lead) {
            prefix += lead
            rest = rest.dropFirst(lead.count)
            let spaces = rest.prefix { $0 == " " }
            prefix += spaces
            rest = rest.dropFirst(spaces.count)
        }
        if prefix.hasSuffix("- "), let quoted = quotedItem(rest, prefix: prefix) { return quoted }
        let quote = rest.first == "\"" || rest.first == "'" ? rest.first : nil
        var keyText = Substring(rest)
        if let quote {
            keyText = rest.dropFirst()
            guard let end = keyText.firstIndex(of: quote) else { return nil }
            keyText = keyText[..<end]
        } else {
            keyText = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        }
        guard !keyText.isEmpty else { return nil }
        let keyLength = keyText.count + (quote == nil ? 0 : 2)
        let afterKey = rest.dropFirst(keyLength)
        let key = quote.map { "\($0)\(keyText)\($0)" } ?? String(keyText)
        let spacesBefore = afterKey.prefix { $0 == " " || $0 == "\t" }
        let operator_ = afterKey.dropFirst(spacesBefore.count)
        if operator_.hasPrefix("=") && (quote == nil) {
            let tail = operator_.dropFirst()
            let spaces: Substring = spacesBefore.isEmpty ? "" : tail.prefix { $0 == " " || $0 == "\t" }
            return Assignment(prefix: prefix, key: key, separator: String(spacesBefore) + "=" + spaces,
                              value: String(tail.dropFirst(spaces.count)))
        }
        if operator_.hasPrefix(":") {
            let tail = operator_.dropFirst()
            // A plain key needs a space after its colon (YAML: `a:b` is one scalar); a quoted one does not (`"k":"v"`).
            guard tail.isEmpty || tail.first == " " || tail.first == "\t" || quote != nil else { return nil }
            let spaces = tail.prefix { $0 == " " || $0 == "\t" }
            return Assignment(prefix: prefix, key: key, separator: String(spacesBefore) + ":" + spaces,
                              value: String(tail.dropFirst(spaces.count)))
        }
        return nil
    }

    /// A quoted compose list item, `"KEY=value"` or `'KEY=value'`: the quote joins the prefix and the suffix.
    private static func quotedItem(_ rest: Substring, prefix: String) -> Assignment? {
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let inner = rest.dropFirst()
        guard let end = inner.lastIndex(of: quote), let equals = inner[..<end].firstIndex(of: "=") else { return nil }
        let key = inner[..<equals]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else { return nil }
        return Assignment(prefix: prefix + String(quote), key: String(key), separator: "=",
                          value: String(inner[inner.index(after: equals)..<end]), suffix: String(inner[end...]))
    }

    /// A key without the quotes around it.
    static func bareKey(_ key: String) -> String {
        guard key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first else { return key }
        return String(key.dropFirst().dropLast())
    }

    /// The value without surrounding quotes and without a trailing YAML comment after a space.
    static func unquoted(_ value: String) -> String {
        var text = value.trimming(charactersIn: " \t")
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    /// The passwords of the URLs with userinfo in `text`, in order.
    static func urlPasswords(in text: String) -> [String] {
        urlPasswordRanges(in: text).map { String(text[$0]) }
    }

    /// `text` with its URL passwords (at `ranges`) taken out, to identify a line without a key.
    static func withoutURLPasswords(_ text: String, ranges: [Range<String.Index>]) -> String {
        var result = ""
        var cursor = text.startIndex
        for range in ranges {
            result += text[cursor..<range.lowerBound]
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }

    /// Where the passwords of `scheme://user:password@host` URLs are: after the first `:` of the userinfo, up to
    /// the last `@` before the authority ends (`/`, `?`, `#`, a space, a quote or the end). A password holding an
    /// unencoded `/`, `?` or `#` (what follows the `:` is then not a port number) runs to the last `@` before
    /// the next space or quote.
    static func urlPasswordRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchFrom = text.startIndex
        while let scheme = text[searchFrom...].firstRange(of: "://") {
            let authorityStart = scheme.upperBound
            let tokenEnd = text[authorityStart...].firstIndex { " \t\"'".contains($0) } ?? text.endIndex
            let authorityEnd = text[authorityStart..<tokenEnd].firstIndex { "/?#".contains($0) } ?? tokenEnd
            let authority = text[authorityStart..<authorityEnd]
            var end = authorityEnd
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let password = text.index(after: colon)..<at
                if !password.isEmpty { ranges.append(password) }
            } else if let colon = authority.firstIndex(of: ":"),
                      !text[text.index(after: colon)..<authorityEnd].allSatisfy(\.isNumber),
                      let at = text[authorityEnd..<tokenEnd].lastIndex(of: "@") {
                ranges.append(text.index(after: colon)..<at)
                end = at
            }
            searchFrom = end
        }
        return ranges
    }
}
