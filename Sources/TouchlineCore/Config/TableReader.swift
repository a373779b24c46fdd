import FoundationEssentials

/// Reads typed keys out of one TOML table, remembering which it used so that unknown keys become errors.
struct TableReader {
    /// Where errors point: the file and a line index for it.
    struct Context {
        var file: String
        var locator: TOMLKeyLocator

        func error(_ path: String, _ message: String) -> ConfigError {
            ConfigError(file: file, line: locator.line(of: path), key: path, message: message)
        }
    }

    let values: [String: ConfigValue]
    let path: String
    let context: Context
    private var used: Set<String> = []

    init(_ values: [String: ConfigValue], path: String, context: Context) {
        self.values = values
        self.path = path
        self.context = context
    }

    /// The dotted path of `key` inside this table.
    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error pointing at `key` of this table.
    func error(_ key: String, _ message: String) -> ConfigError { context.error(keyPath(key), message) }

    /// An error pointing at the table itself.
    func tableError(_ message: String) -> ConfigError { context.error(path, message) }

    private mutating func value(_ key: String) -> ConfigValue? {
        used.insert(key)
        return values[key]
    }

    private func wrongType(_ key: String, _ expected: String, _ value: ConfigValue) -> ConfigError {
        error(key, "expected \(expected), found \(value.typeName)")
    }

    mutating func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
        return text
    }

    mutating func requiredString(_ key: String, for what: String) throws -> String {
        guard let text = try string(key) else { throw tableError("missing required key '\(key)' \(what)") }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .boolean(let flag) = value else { throw wrongType(key, "true or false", value) }
        return flag
    }

    mutating func integer(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard case .integer(let number) = value else { throw wrongType(key, "an integer", value) }
        return number
    }

    mutating func number(_ key: String) throws -> Double? {
        guard let value = value(key) else { return nil }
        switch value {
        case .integer(let number): return Double(number)
        case .float(let number): return number
        default: throw wrongType(key, "a number", value)
        }
    }

    mutating func duration(_ key: String) throws -> Double? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw error(key, "expected a duration string such as \"500ms\", \"2s\" or \"1m\", found \(value.typeName)")
        }
        guard let seconds = DurationText.seconds(text) else {
            throw error(key, "bad duration \"\(text)\" (use e.g. \"500ms\", \"2s\", \"1m\")")
        }
        guard seconds <= DurationText.longest else {
            throw error(key, "duration \"\(text)\" is longer than 3650d")
        }
        return seconds
    }

    mutating func integers(_ key: String) throws -> [Int]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "an array of integers", value) }
        return try items.map { item in
            guard case .integer(let number) = item else { throw wrongType(key, "an array of integers", item) }
            return number
        }
    }

    mutating func strings(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "an array of strings", value) }
        return try items.map { item in
            guard case .string(let text) = item else { throw wrongType(key, "an array of strings", item) }
            return text
        }
    }

    mutating func table(_ key: String) throws -> TableReader? {
        guard let value = value(key) else { return nil }
        guard case .table(let values) = value else { throw wrongType(key, "a table", value) }
        return TableReader(values, path: keyPath(key), context: context)
    }

    mutating func tables(_ key: String) throws -> [TableReader]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "an array of tables ([[\(keyPath(key))]])", value) }
        return try items.enumerated().map { index, item in
            guard case .table(let values) = item else { throw wrongType(key, "an array of tables", item) }
            return TableReader(values, path: "\(keyPath(key))[\(index)]", context: context)
        }
    }

    /// The raw value of `key`, marked as used.
    mutating func raw(_ key: String) -> ConfigValue? { value(key) }

    /// Keys of the table in the order they appear in the file.
    func orderedKeys() -> [String] {
        values.keys.sorted { lhs, rhs in
            let left = context.locator.order(of: keyPath(lhs))
            let right = context.locator.order(of: keyPath(rhs))
            return left == right ? lhs < rhs : left < right
        }
    }

    /// Throws for the first key (in file order) that is not one of `allowed`, before any is read: an unknown key
    /// is reported ahead of what its absence or misspelling leads to (`no environments defined`).
    func rejectUnknown(allowed: [String]) throws(ConfigError) {
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted {
            (context.locator.line(of: keyPath($0)) ?? 0) < (context.locator.line(of: keyPath($1)) ?? 0)
        }
        if let key = unknown.first {
            throw error(key, "unknown key '\(key)' (allowed: \(allowed.joined(separator: ", ")))")
        }
    }

    /// Throws for the first key that was never read, naming the keys that are allowed.
    func finish(allowed: [String]) throws {
        let unknown = values.keys.filter { !used.contains($0) }.sorted {
            (context.locator.line(of: keyPath($0)) ?? 0) < (context.locator.line(of: keyPath($1)) ?? 0)
        }
        if let key = unknown.first {
            throw error(key, "unknown key '\(key)' (allowed: \(allowed.joined(separator: ", ")))")
        }
    }
}
