import FoundationEssentials

/// One Alertmanager label matcher: `name="value"` (equal), `name!="value"`, `name=~"regex"`, `name!~"regex"`,
/// as the API v2 carries it (`name`, `value`, `isRegex`, `isEqual`). Regexes are anchored (whole value), as
/// Alertmanager anchors them.
public struct AlertMatcher: Sendable, Equatable, Hashable {
    /// The label name.
    public var name: String
    /// The value, or the regex when ``isRegex``.
    public var value: String
    /// Whether ``value`` is a regex (`=~`, `!~`).
    public var isRegex: Bool
    /// Whether it matches on equality (`=`, `=~`) rather than inequality (`!=`, `!~`).
    public var isEqual: Bool

    /// Creates a matcher; by default `name="value"`.
    public init(name: String, value: String, isRegex: Bool = false, isEqual: Bool = true) {
        self.name = name
        self.value = value
        self.isRegex = isRegex
        self.isEqual = isEqual
    }

    /// The operator: `=`, `!=`, `=~` or `!~`.
    public var op: String {
        switch (isEqual, isRegex) {
        case (true, false): return "="
        case (false, false): return "!="
        case (true, true): return "=~"
        case (false, true): return "!~"
        }
    }

    /// `name="value"` with `"` and `\` escaped: Alertmanager's own notation.
    public var text: String {
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\(name)\(op)\"\(escaped)\""
    }

    /// Parses `name=value`, `name!=value`, `name=~regex` or `name!~regex`; the value may be double-quoted
    /// (with `\"` and `\\` escapes). Spaces around the parts are dropped.
    ///
    /// - Returns: the matcher, or a sentence saying what is wrong with `text`.
    public static func parse(_ text: String) -> Result<AlertMatcher, AlertMatcherError> {
        let trimmed = text.trimming(charactersIn: " \t")
        guard let opStart = trimmed.firstIndex(where: { $0 == "=" || $0 == "!" }) else {
            return .failure(AlertMatcherError("matcher '\(text)' has no operator (use name=value, name!=value, name=~regex or name!~regex)"))
        }
        let name = trimmed[..<opStart].trimming(charactersIn: " \t")
        var rest = trimmed[opStart...]
        let isEqual: Bool
        let isRegex: Bool
        if rest.hasPrefix("=~") { (isEqual, isRegex) = (true, true); rest = rest.dropFirst(2) }
        else if rest.hasPrefix("!~") { (isEqual, isRegex) = (false, true); rest = rest.dropFirst(2) }
        else if rest.hasPrefix("!=") { (isEqual, isRegex) = (false, false); rest = rest.dropFirst(2) }
        else if rest.hasPrefix("=") { (isEqual, isRegex) = (true, false); rest = rest.dropFirst(1) }
        else {
            return .failure(AlertMatcherError("matcher '\(text)': unknown operator (use =, !=, =~ or !~)"))
        }
        guard isLabelName(name) else {
            return .failure(AlertMatcherError("matcher '\(text)': '\(name)' is not a label name (letters, digits and _, not starting with a digit)"))
        }
        var value = rest.trimming(charactersIn: " \t")
        if value.hasPrefix("\"") {
            guard value.count >= 2, value.hasSuffix("\""), !value.hasSuffix("\\\"") || value.hasSuffix("\\\\\"") else {
                return .failure(AlertMatcherError("matcher '\(text)': unterminated quoted value"))
            }
            value = unescape(String(value.dropFirst().dropLast()))
        }
        return .success(AlertMatcher(name: name, value: value, isRegex: isRegex, isEqual: isEqual))
    }

    /// Parses a comma-separated list (`alertname="X", service="api"`, commas inside quotes kept).
    public static func parseList(_ text: String) -> Result<[AlertMatcher], AlertMatcherError> {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        var matchers: [AlertMatcher] = []
        for part in parts where !part.trimming(charactersIn: " \t").isEmpty {
            switch parse(part) {
            case .success(let matcher): matchers.append(matcher)
            case .failure(let error): return .failure(error)
            }
        }
        guard !matchers.isEmpty else { return .failure(AlertMatcherError("no matcher given (e.g. alertname=\"ApiHighLatency\")")) }
        return .success(matchers)
    }

    /// Whether `labels` satisfy the matcher (a missing label is the empty string, as in Alertmanager).
    /// A regex that does not compile matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        let hit: Bool
        if isRegex {
            guard let regex = try? Regex("^(?:" + value + ")$") else { return false }
            hit = (try? regex.wholeMatch(in: actual)) != nil
        } else {
            hit = actual == value
        }
        return hit == isEqual
    }

    /// Whether `name` is a Prometheus label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
    public static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
