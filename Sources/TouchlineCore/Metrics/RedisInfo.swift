/// The `field:value` lines of a Redis `INFO` reply.
public struct RedisInfo: Sendable, Equatable {
    /// Every field, all sections merged.
    public var fields: [String: String]

    /// Parses INFO text: `# Section` headers, `key:value` lines, CRLF or LF endings.
    public init(text: String) {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard !line.isEmpty, !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        self.fields = fields
    }

    /// A field as text.
    public subscript(_ key: String) -> String? { fields[key] }

    /// A field as an integer.
    public func integer(_ key: String) -> Int64? { fields[key].flatMap { Int64($0) } }

    /// A field as a floating-point number.
    public func number(_ key: String) -> Double? { fields[key].flatMap { Double($0) } }
}
