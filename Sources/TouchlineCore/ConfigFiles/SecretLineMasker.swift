/// Masks the secrets of configuration text one line at a time, remembering what the lines before said, so a
/// secret spread over several lines is masked too: the children of a YAML key naming a secret (`credentials:`
/// then `  user: …`, `  - item`), a YAML block scalar (`private_key: |`), a `.env` value in quotes continued on
/// the next lines (`KEY="-----BEGIN…`), and a commented-out assignment (`# DB_PASSWORD=old`).
///
/// Every masked value is recorded under an identity (its YAML key path, e.g. `services.api.environment.DB_PASSWORD`;
/// a URL's password under its line's path and `#urlN`) in ``secrets``, so the other side of a diff can say
/// `(changed)` or `(unchanged)` for the same identity. Lines are given without their line end; a `\r` or `\n`
/// inside a line separates lines (a CRLF line keeps its `\r`).
public struct SecretLineMasker: Sendable {
    /// A YAML key whose children are indented below it.
    private struct Parent: Sendable {
        var indent: Int
        var key: String
    }

    /// The lines below a secret YAML key (its children or its block scalar), all masked.
    private struct Block: Sendable {
        var indent: Int
        var path: String
        var count = 0
    }

    /// A quoted secret value not closed on its first line.
    private struct Quoted: Sendable {
        var path: String
        var quote: Character
        var count = 0
    }

    private var parents: [Parent] = []
    /// The column of a `name:` naming a secret (`- name: DB_PASSWORD`), whose sibling `value:` is then secret
    /// (the Kubernetes spelling of an environment variable).
    private var secretName: (column: Int, path: String)?
    private var block: Block?
    private var quoted: Quoted?
    private let old: [String: String]?
    /// The secret values seen so far, by identity.
    public private(set) var secrets: [String: String] = [:]

    /// A masker; with `old` (another text's ``secrets``), each masked value says `(changed)` or `(unchanged)`.
    public init(comparedWith old: [String: String]? = nil) {
        self.old = old
    }

    /// `line` with every secret shown as `***`.
    public mutating func mask(_ line: String) -> String {
        var result = ""
        var start = line.startIndex
        var index = start
        while index < line.endIndex {
            if TextLines.isLineEnd(line[index]) {
                result += maskOne(String(line[start..<index]))
                result.append(line[index])
                start = line.index(after: index)
            }
            index = line.index(after: index)
        }
        // Nothing after a last line end is no line (a diff line's `\r`, a text's final newline).
        if start < line.endIndex || line.isEmpty { result += maskOne(String(line[start...])) }
        return result
    }

    private mutating func maskOne(_ line: String) -> String {
        let indentText = String(line.prefix { $0 == " " || $0 == "\t" })
        let rest = line.dropFirst(indentText.count)
        if var open = quoted {
            open.count += 1
            quoted = Self.closesQuote(rest, open.quote) ? nil : open
            return indentText + masked(identity: "\(open.path)#\(open.count)", value: String(rest))
        }
        if var open = block {
            if rest.isEmpty { return line }
            if indentText.count > open.indent || (indentText.count == open.indent && rest.hasPrefix("- ")) {
                open.count += 1
                block = open
                return maskInBlock(line, indent: indentText, block: open)
            }
            block = nil
        }
        if rest.isEmpty { return line }
        if rest.hasPrefix("#") { return maskComment(line) }
        if rest.hasPrefix("{") || rest.hasPrefix("[") { return indentText + maskFlow(String(rest), path: parents.map(\.key).joined(separator: ".")) }
        guard let assignment = SecretMasker.parse(line) else {
            pop(above: indentText.count)
            return maskURLs(line, identity: nil)
        }
        return maskAssignment(assignment)
    }

    private mutating func maskAssignment(_ assignment: SecretMasker.Assignment) -> String {
        let column = assignment.prefix.count
        pop(above: column)
        let path = (parents.map(\.key) + [SecretMasker.bareKey(assignment.key)]).joined(separator: ".")
        let yaml = assignment.separator.contains(":")
        let value = SecretMasker.unquoted(assignment.value)
        let head = assignment.prefix + assignment.key + assignment.separator
        let bare = SecretMasker.bareKey(assignment.key).lowercased()
        if let named = secretName, named.column > column || (named.column == column && bare == "name") { secretName = nil }
        if yaml && bare == "name" && SecretMasker.isSecret(key: value) {
            secretName = (column, (parents.map(\.key) + [value]).joined(separator: "."))
        } else if yaml, bare == "value", let named = secretName, named.column == column, !value.isEmpty {
            return head + masked(identity: named.path, value: value)
        }
        if SecretMasker.isSecret(key: assignment.key) {
            if yaml && (value.isEmpty || value.hasPrefix("#") || Self.isBlockIndicator(value)) {
                block = Block(indent: column, path: path)
                return head + assignment.value
            }
            if value.isEmpty { return head + assignment.value }
            let trimmed = assignment.value.trimming(charactersIn: " \t")
            if let quote = trimmed.first, quote == "\"" || quote == "'", !Self.closesQuote(trimmed.dropFirst(), quote) {
                quoted = Quoted(path: path, quote: quote)
            }
            return head + masked(identity: path, value: value) + assignment.suffix
        }
        if yaml && (value.isEmpty || value.hasPrefix("#")) { parents.append(Parent(indent: column, key: SecretMasker.bareKey(assignment.key))) }
        let shown = assignment.value.trimming(charactersIn: " \t").first.map { $0 == "{" || $0 == "[" } == true
            ? maskFlow(assignment.value, path: path) : maskURLs(assignment.value, identity: path)
        return head + shown + assignment.suffix
    }

    /// A line inside a secret key's block: an assignment keeps its key, a list item its dash, anything else its
    /// indentation; the value is masked.
    private mutating func maskInBlock(_ line: String, indent: String, block: Block) -> String {
        if let assignment = SecretMasker.parse(line) {
            let value = SecretMasker.unquoted(assignment.value)
            if value.isEmpty { return line }
            let identity = "\(block.path).\(SecretMasker.bareKey(assignment.key))"
            return assignment.prefix + assignment.key + assignment.separator + masked(identity: identity, value: value)
        }
        let rest = line.dropFirst(indent.count)
        let dash = rest.hasPrefix("- ") ? "- " : ""
        return indent + dash + masked(identity: "\(block.path)#\(block.count)", value: String(rest.dropFirst(dash.count)))
    }

    /// A comment: a commented-out secret assignment is masked too; URL passwords always.
    private mutating func maskComment(_ line: String) -> String {
        let lead = line.prefix { $0 == " " || $0 == "\t" || $0 == "#" }
        let body = String(line.dropFirst(lead.count))
        if let assignment = SecretMasker.parse(body), SecretMasker.isSecret(key: assignment.key),
           !SecretMasker.unquoted(assignment.value).isEmpty {
            let identity = "#" + SecretMasker.bareKey(assignment.key)
            return lead + assignment.prefix + assignment.key + assignment.separator
                + masked(identity: identity, value: SecretMasker.unquoted(assignment.value)) + assignment.suffix
        }
        return maskURLs(line, identity: nil)
    }

    /// An inline YAML mapping or list (`{ DB_PASSWORD: x, user: y }`, `[DB_PASSWORD=x]`): each item naming a
    /// secret is masked (items split at `,` and brackets).
    private mutating func maskFlow(_ value: String, path: String) -> String {
        var result = ""
        var item = ""
        func flush(_ masker: inout SecretLineMasker) {
            defer { item = "" }
            guard let assignment = SecretMasker.parse(item), SecretMasker.isSecret(key: assignment.key) else {
                result += masker.maskURLs(item, identity: path)
                return
            }
            let value = SecretMasker.unquoted(assignment.value)
            let trailing = String(assignment.value.reversed().prefix { $0 == " " || $0 == "\t" }.reversed())
            guard !value.isEmpty else { return result += item }
            let identity = "\(path).\(SecretMasker.bareKey(assignment.key))"
            result += assignment.prefix + assignment.key + assignment.separator
                + masker.masked(identity: identity, value: value) + trailing
        }
        for character in value {
            if ",{}[]".contains(character) {
                flush(&self)
                result.append(character)
            } else {
                item.append(character)
            }
        }
        flush(&self)
        return result
    }

    /// `text` with each URL password masked; a line without a key is identified by its text with the passwords
    /// taken out.
    private mutating func maskURLs(_ text: String, identity: String?) -> String {
        let ranges = SecretMasker.urlPasswordRanges(in: text)
        guard !ranges.isEmpty else { return text }
        let base = identity ?? SecretMasker.withoutURLPasswords(text, ranges: ranges)
        var result = ""
        var cursor = text.startIndex
        for (offset, range) in ranges.enumerated() {
            result += text[cursor..<range.lowerBound]
            result += masked(identity: "\(base)#url\(offset)", value: String(text[range]))
            cursor = range.upperBound
        }
        result += text[cursor...]
        return result
    }

    /// `***`, noted against the old side, and `value` recorded under `identity`.
    private mutating func masked(identity: String, value: String) -> String {
        secrets[identity] = value
        guard let old else { return SecretMasker.mask }
        return SecretMasker.mask + (old[identity] == value ? "(unchanged)" : "(changed)")
    }

    private mutating func pop(above column: Int) {
        while let last = parents.last, last.indent >= column { parents.removeLast() }
    }

    /// `|`, `>`, `|-`, `>+`, `|2-` … (optionally followed by a comment).
    private static func isBlockIndicator(_ value: String) -> Bool {
        let word = value.prefix { $0 != " " && $0 != "\t" }
        guard let first = word.first, first == "|" || first == ">" else { return false }
        return word.dropFirst().allSatisfy { $0 == "-" || $0 == "+" || $0.isNumber }
    }

    /// Whether `text` holds a closing `quote` not escaped by a backslash.
    private static func closesQuote(_ text: Substring, _ quote: Character) -> Bool {
        var escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            if character == "\\" && quote == "\"" { escaped = true; continue }
            if character == quote { return true }
        }
        return false
    }
}
