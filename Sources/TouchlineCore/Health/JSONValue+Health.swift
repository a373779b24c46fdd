/// What a health document's values mean: a JSON value (decoded with ``JSONValue``'s type-keeping decoder, so
/// `true` stays a boolean and `1` a number — Foundation's `JSONSerialization` turns `true` into 1) read at a
/// dotted path, shown as written, and judged as a status field.
extension JSONValue {
    /// The value at a dotted path such as `status`, `checks.database.status` or `checks.0.status`
    /// (a number indexes an array); nil when a step is missing.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let fields): current = fields[String(part)]
            case .array(let items): current = Int(part).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: current = nil
            }
        }
        return current
    }

    /// The value as written: `true`, `1`, `0.5`, `UP`, `null`; objects and arrays as `{…}` and `[…]`.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return value
        case .array(let items): return items.isEmpty ? "[]" : "[…]"
        case .object(let fields): return fields.isEmpty ? "{}" : "{…}"
        }
    }

    /// The text for a version field: strings and numbers as written, nil for other types.
    public var versionText: String? {
        switch self {
        case .string, .number, .integer: return text
        default: return nil
        }
    }

    /// The status a status field holding this value gives, and why when it is not up.
    ///
    /// - boolean: `true` → up, `false` → down.
    /// - string: a health word, case-insensitive and trimmed (``ProbeStatus/fromHealthWord(_:)``):
    ///   `"true"`, `ok`, `up` (Spring's `UP`), `healthy`, `pass`, `passing`, `green` → up; `degraded`, `warn`,
    ///   `warning`, `yellow` → degraded; any other word → down.
    /// - number: `1` → up, `0` → down, any other number → down (not a status).
    /// - null, object, array → down, saying the field holds no status (for an object, name a field inside
    ///   it with a dotted path).
    public func healthStatus(field: String) -> (status: ProbeStatus, reason: String?) {
        switch self {
        case .bool(let value):
            return value ? (.up, nil) : (.down, "\(field): false")
        case .string(let word):
            let trimmed = word.trimmingWhitespace
            let status = trimmed.lowercased() == "true" ? .up : ProbeStatus.fromHealthWord(trimmed)
            return (status, status == .up ? nil : "\(field): \(word)")
        case .number, .integer:
            let value = double
            if value == 1 { return (.up, nil) }
            if value == 0 { return (.down, "\(field): 0") }
            return (.down, "\(field): \(text) is not a status (expected true/false, 1/0 or a word such as ok)")
        case .null:
            return (.down, "\(field): null, no status given")
        case .object(let fields):
            let example = fields.keys.sorted().first.map { ", e.g. \(field).\($0)" } ?? ""
            return (.down, "\(field) is an object, not a status: point status_field at a field inside it\(example)")
        case .array(let items):
            return (.down, "\(field) is an array of \(items.count) values, not a status")
        }
    }
}

private extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
