import FoundationEssentials
import TouchlineCore

/// Reads the status and version fields of a JSON health document, keeping each value's JSON type.
enum HealthDocument {
    /// Parses `body` as JSON; throws a readable failure when it is not.
    static func parse(_ body: [UInt8]) throws(ProbeFailure) -> JSONValue {
        guard !body.isEmpty else { throw ProbeFailure("empty response body, expected JSON") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            let preview = String(decoding: body.prefix(40), as: UTF8.self)
                .replacing("\n", with: " ").replacing("\r", with: " ")
            throw ProbeFailure("response body is not JSON: \"\(preview)\"")
        }
    }

    /// The value at a dotted path such as `status` or `checks.database.status`, nil when missing.
    static func field(_ path: String, in document: JSONValue) -> JSONValue? {
        document.value(at: path)
    }

    /// Names of entries under a sibling `checks` object whose own status is not healthy, e.g. `redis: unhealthy`.
    static func failingChecks(in document: JSONValue) -> [String] {
        guard case .object(let checks)? = document.value(at: "checks") else { return [] }
        return checks.keys.sorted().compactMap { name in
            guard let entry = checks[name] else { return nil }
            let status: JSONValue
            if case .object = entry, let inner = entry.value(at: "status") { status = inner } else { status = entry }
            switch status {
            case .string, .bool, .number: break
            default: return nil
            }
            guard status.healthStatus(field: name).status != .up else { return nil }
            return "\(name): \(status.text)"
        }
    }
}
