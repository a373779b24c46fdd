import Foundation
import TouchlineCore

/// Reads the status and version fields of a JSON health document.
enum HealthDocument {
    /// Parses `body` as JSON; throws a readable failure when it is not.
    static func parse(_ body: [UInt8]) throws(ProbeFailure) -> Any {
        guard !body.isEmpty else { throw ProbeFailure("empty response body, expected JSON") }
        do {
            return try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            let preview = String(decoding: body.prefix(40), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            throw ProbeFailure("response body is not JSON: \"\(preview)\"")
        }
    }

    /// The value at a dotted path such as `status` or `checks.database.status`, as text.
    static func field(_ path: String, in document: Any) -> String? {
        var current: Any? = document
        for part in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        switch current {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// Names of entries under a sibling `checks` object whose own status is not healthy, e.g. `redis: unhealthy`.
    static func failingChecks(in document: Any) -> [String] {
        guard let checks = (document as? [String: Any])?["checks"] as? [String: Any] else { return [] }
        return checks.keys.sorted().compactMap { name in
            let status = (checks[name] as? [String: Any])?["status"] as? String ?? (checks[name] as? String)
            guard let status, ProbeStatus.fromHealthWord(status) != .up else { return nil }
            return "\(name): \(status)"
        }
    }
}
