import FoundationEssentials

/// Reads the request tables of a rehearsal: `method` (default `GET`), `path` (required, starting with `/`),
/// `body` (a JSON string or an inline table); a check adds `name`, `expect_status` (default 200),
/// `expect_fields` and `expect_sum = { fields = [...], equals = 1.0, tolerance = 0.001 }`.
enum RehearsalRequestParser {
    /// The keys of a load-test endpoint.
    static let requestKeys = ["method", "path", "body"]
    /// The keys of a functional check.
    static let checkKeys = ["name", "method", "path", "body", "expect_status", "expect_fields", "expect_sum"]
    private static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]

    /// The request part of `table`.
    static func request(_ table: inout TableReader) throws -> RehearsalRequest {
        let method = try table.string("method") ?? "GET"
        guard methods.contains(method) else {
            throw table.error("method", "unknown method '\(method)' (use \(methods.joined(separator: ", ")))")
        }
        let path = try table.requiredString("path", for: "(e.g. \"/health\")")
        guard path.hasPrefix("/"), !path.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw table.error("path", "must start with / and hold no spaces, found '\(path)'")
        }
        return RehearsalRequest(method: method, path: path, body: try body(&table))
    }

    /// A functional check; `index` names it when `name` is missing.
    static func check(_ table: inout TableReader, index: Int) throws -> RehearsalCheck {
        let name = try table.string("name") ?? "check \(index + 1)"
        let request = try request(&table)
        let status = try table.integer("expect_status") ?? 200
        guard (100...599).contains(status) else { throw table.error("expect_status", "must be an HTTP status (100-599), found \(status)") }
        let fields = try table.strings("expect_fields") ?? []
        if let bad = fields.first(where: { $0.isEmpty || $0.hasPrefix(".") || $0.hasSuffix(".") }) {
            throw table.error("expect_fields", "'\(bad)' is not a dotted field path such as prediction.home_win")
        }
        var sum: RehearsalSumCheck?
        if var sumTable = try table.table("expect_sum") {
            guard let summed = try sumTable.strings("fields"), !summed.isEmpty else {
                throw sumTable.tableError("missing required key 'fields' (the dotted paths of the numbers to add)")
            }
            let equals = try sumTable.number("equals") ?? 1
            let tolerance = try sumTable.number("tolerance") ?? 0.001
            guard tolerance >= 0 else { throw sumTable.error("tolerance", "must not be negative") }
            try sumTable.finish(allowed: ["fields", "equals", "tolerance"])
            sum = RehearsalSumCheck(fields: summed, equals: equals, tolerance: tolerance)
        }
        try table.finish(allowed: checkKeys)
        return RehearsalCheck(name: name, request: request, expectStatus: status, expectFields: fields, sum: sum)
    }

    private static func body(_ table: inout TableReader) throws -> String? {
        guard let value = table.raw("body") else { return nil }
        switch value {
        case .string(let text):
            guard (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) != nil else {
                throw table.error("body", "is not valid JSON")
            }
            return text
        case .table:
            let encoder = JSONOutput.encoder()
            guard let object = json(value), let data = try? encoder.encode(object) else {
                throw table.error("body", "cannot be turned into JSON (dates are not allowed)")
            }
            return String(decoding: data, as: UTF8.self)
        default:
            throw table.error("body", "expected a JSON string or an inline table, found \(value.typeName)")
        }
    }

    private static func json(_ value: ConfigValue) -> JSONValue? {
        switch value {
        case .string(let text): return .string(text)
        case .integer(let number): return .integer(Int64(number))
        case .float(let number): return number.isFinite ? .number(number) : nil
        case .boolean(let flag): return .bool(flag)
        case .array(let items):
            let converted = items.compactMap(json)
            return converted.count == items.count ? .array(converted) : nil
        case .table(let values):
            var object: [String: JSONValue] = [:]
            for (key, item) in values {
                guard let converted = json(item) else { return nil }
                object[key] = converted
            }
            return .object(object)
        case .dateTime: return nil
        }
    }
}
