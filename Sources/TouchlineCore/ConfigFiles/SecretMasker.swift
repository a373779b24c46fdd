import FoundationEssentials

/// Masks the secrets of configuration text line by line, for diffs, output and the audit log: the value of every
/// key whose name contains `PASSWORD`, `SECRET`, `TOKEN`, `KEY` or `CREDENTIAL` (any case) in `.env` lines
/// (`KEY=value`, `export KEY=value`), YAML mappings (`key: value`) and compose's list form (`- KEY=value`), and
/// the password of any URL with userinfo (`postgres://user:pw@host/db`), wherever it appears.
///
/// A masked value prints as `***`; in a diff's new side it says whether it differs from the old side's value of
/// the same key: `***(changed)` or `***(unchanged)` (``mask(_:comparedWith:)``). Values are compared, never shown.
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
    }

    /// Whether `key` names a secret.
    public static func isSecret(key: String) -> Bool {
        let upper = key.uppercased()
        return secretWords.contains { upper.contains($0) }
    }

    /// `line` with its secret value and every URL password shown as `***`.
    public static func maskLine(_ line: String) -> String {
        mask(line, comparedWith: nil)
    }

    /// `text` masked line by line.
    public static func maskText(_ text: String) -> String {
        TextLines.mapLines(text) { maskLine(String($0)) }
    }

    /// The secret values of `text` by key (a URL's password under its line's key, or under `url:LINE` without one),
    /// for ``mask(_:comparedWith:)``.
    public static func secrets(in text: String) -> [String: String] {
        var found: [String: String] = [:]
        for (index, raw) in TextLines.split(text).enumerated() {
            let line = String(raw)
            let assignment = parse(line)
            let name = assignment?.key ?? "url:\(index)"
            if let assignment, isSecret(key: assignment.key), !unquoted(assignment.value).isEmpty {
                found[name] = unquoted(assignment.value)
            }
            for (offset, password) in urlPasswords(in: line).enumerated() {
                found["\(name)#url\(offset)"] = password
            }
        }
        return found
    }

    /// `line` masked; with `old` (the other side's ``secrets(in:)``), each masked value says `(changed)` or
    /// `(unchanged)` against the old value of the same key (a key the old side lacks is `(changed)`).
    public static func mask(_ line: String, comparedWith old: [String: String]?) -> String {
        // A diff line of a CRLF file keeps its `\r` (Swift sees `\r\n` as one character: it ends the line).
        if line.hasSuffix("\r") || line.hasSuffix("\r\n") || line.hasSuffix("\n") {
            let end = line.last.map(String.init) ?? ""
            return mask(String(line.dropLast()), comparedWith: old) + end
        }
        guard let assignment = parse(line) else { return maskURLs(line, key: nil, comparedWith: old) }
        var value = assignment.value
        if isSecret(key: assignment.key), !unquoted(value).isEmpty {
            value = mask + note(old, key: assignment.key, value: unquoted(value))
        } else {
            value = maskURLs(value, key: assignment.key, comparedWith: old)
        }
        return assignment.prefix + assignment.key + assignment.separator + value
    }

    private static func note(_ old: [String: String]?, key: String, value: String) -> String {
        guard let old else { return "" }
        return old[key] == value ? "(unchanged)" : "(changed)"
    }

    /// Splits `KEY=value`, `export KEY=value`, `- KEY=value`, `key: value`, `- key: value` (leading space kept in
    /// the prefix); nil for anything else (comments, blank lines, a bare list item).
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
        if afterKey.hasPrefix("=") {
            return Assignment(prefix: prefix, key: key, separator: "=", value: String(afterKey.dropFirst()))
        }
        let spacesBefore = afterKey.prefix { $0 == " " }
        let colon = afterKey.dropFirst(spacesBefore.count)
        if colon.hasPrefix(":") {
            let tail = colon.dropFirst()
            guard tail.isEmpty || tail.first == " " || tail.first == "\t" else { return nil }
            let spaces = tail.prefix { $0 == " " || $0 == "\t" }
            return Assignment(prefix: prefix, key: key, separator: String(spacesBefore) + ":" + spaces,
                              value: String(tail.dropFirst(spaces.count)))
        }
        return nil
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

    /// `text` with each URL password replaced by `***` (and the `(changed)` / `(unchanged)` note when comparing).
    static func maskURLs(_ text: String, key: String?, comparedWith old: [String: String]?) -> String {
        let ranges = urlPasswordRanges(in: text)
        guard !ranges.isEmpty else { return text }
        var result = ""
        var cursor = text.startIndex
        for (offset, range) in ranges.enumerated() {
            result += text[cursor..<range.lowerBound]
            result += mask
            if let key { result += note(old, key: "\(key)#url\(offset)", value: String(text[range])) }
            cursor = range.upperBound
        }
        result += text[cursor...]
        return result
    }

    /// Where the passwords of `scheme://user:password@host` URLs are: after the first `:` of the userinfo, up to
    /// the last `@` before the authority ends (`/`, `?`, `#`, a space, a quote or the end).
    static func urlPasswordRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchFrom = text.startIndex
        while let scheme = text[searchFrom...].firstRange(of: "://") {
            let authorityStart = scheme.upperBound
            let authorityEnd = text[authorityStart...].firstIndex { "/?# \"'".contains($0) } ?? text.endIndex
            let authority = text[authorityStart..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let password = text.index(after: colon)..<at
                if !password.isEmpty { ranges.append(password) }
            }
            searchFrom = authorityEnd
        }
        return ranges
    }
}
