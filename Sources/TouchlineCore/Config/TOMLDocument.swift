import CTOMLShim

/// Parses TOML text with toml++ (through the CTOMLShim C API) into a ``ConfigValue`` tree.
public enum TOMLDocument {
    /// Parses `text`; a syntax error becomes a ``ConfigError`` naming `file` and the line TOML reports.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> [String: ConfigValue] {
        let text = TextLines.withoutByteOrderMark(text)
        if let bad = TOMLHeaderGuard.firstBadHeader(in: text) {
            throw ConfigError(file: file, line: bad.line, key: nil, message: "TOML syntax error: Error while parsing table header: "
                              + "expected bare key starting character or string delimiter, saw '\(bad.saw)'")
        }
        if let stray = TOMLHeaderGuard.firstStraySpace(in: text) {
            throw ConfigError(file: file, line: stray.line, key: nil, message: "TOML syntax error: unexpected character \(stray.saw) "
                              + "outside a string or comment (only spaces and tabs separate TOML keys and values)")
        }
        var utf8 = text
        let parsed = utf8.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { touchline_toml_parse($0.baseAddress, $0.count) }
        }
        guard let document = parsed else {
            throw ConfigError(file: file, line: nil, key: nil, message: "TOML syntax error: out of memory while parsing")
        }
        defer { touchline_toml_free(document) }
        guard let root = touchline_toml_root(document) else {
            var length = 0
            let description = touchline_toml_error_description(document, &length).map { string(from: $0, length: length) } ?? ""
            throw ConfigError(file: file, line: Int(touchline_toml_error_line(document)), key: nil,
                              message: "TOML syntax error: \(description)")
        }
        return table(root)
    }

    private static func table(_ node: OpaquePointer) -> [String: ConfigValue] {
        let count = touchline_toml_table_count(node)
        return [touchline_toml_entry](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = touchline_toml_table_entries(node, buffer.baseAddress, count)
        }.reduce(into: [:]) { result, entry in
            if let key = entry.key, let value = entry.value {
                result[string(from: key, length: entry.key_length)] = convert(value)
            }
        }
    }

    private static func convert(_ node: OpaquePointer) -> ConfigValue {
        switch touchline_toml_kind_of(node) {
        case TOUCHLINE_TOML_TABLE:
            return .table(table(node))
        case TOUCHLINE_TOML_ARRAY:
            return .array((0..<touchline_toml_array_count(node)).compactMap { touchline_toml_array_element(node, $0).map(convert) })
        case TOUCHLINE_TOML_STRING:
            var length = 0
            return .string(touchline_toml_string(node, &length).map { string(from: $0, length: length) } ?? "")
        case TOUCHLINE_TOML_INTEGER:
            return .integer(Int(touchline_toml_integer(node)))
        case TOUCHLINE_TOML_FLOAT:
            return .float(touchline_toml_float(node))
        case TOUCHLINE_TOML_BOOLEAN:
            return .boolean(touchline_toml_boolean(node))
        default:
            // A date, time or date-time: at most 35 characters (`1979-05-27T07:32:00.999999999-07:00`).
            let rendered = [CChar](unsafeUninitializedCapacity: 48) { buffer, initialized in
                initialized = min(touchline_toml_date_time_text(node, buffer.baseAddress, buffer.count), buffer.count)
            }
            return .dateTime(rendered.withUnsafeBufferPointer { string(from: $0.baseAddress, length: $0.count) })
        }
    }

    /// The UTF-8 bytes at `pointer` as a String, embedded NULs included.
    private static func string(from pointer: UnsafePointer<CChar>?, length: Int) -> String {
        guard let pointer else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
