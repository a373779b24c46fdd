import TOMLKit

/// Parses TOML text with TOMLKit into a ``ConfigValue`` tree.
public enum TOMLDocument {
    /// Parses `text`; a syntax error becomes a ``ConfigError`` naming `file` and the line TOML reports.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> [String: ConfigValue] {
        if let bad = TOMLHeaderGuard.firstBadHeader(in: text) {
            throw ConfigError(file: file, line: bad.line, key: nil, message: "TOML syntax error: Error while parsing table header: "
                              + "expected bare key starting character or string delimiter, saw '\(bad.saw)'")
        }
        if let stray = TOMLHeaderGuard.firstStraySpace(in: text) {
            throw ConfigError(file: file, line: stray.line, key: nil, message: "TOML syntax error: unexpected character \(stray.saw) "
                              + "outside a string or comment (only spaces and tabs separate TOML keys and values)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, key: nil,
                              message: "TOML syntax error: \(error.description)")
        } catch {
            throw ConfigError(file: file, line: nil, key: nil, message: "TOML syntax error: \(error)")
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for (key, value) in table {
            result[key] = convert(value)
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .table:
            return .table(value.table.map(convert) ?? [:])
        case .array:
            return .array(value.array.map { $0.map(convert) } ?? [])
        case .string:
            return .string(value.string ?? "")
        case .int:
            return .integer(value.int ?? 0)
        case .double:
            return .float(value.double ?? 0)
        case .bool:
            return .boolean(value.bool ?? false)
        case .date, .time, .dateTime:
            return .dateTime(value.tomlValue.debugDescription)
        }
    }
}
