/// One request header of an http probe, whose value may reference environment variables (`${API_TOKEN}`).
///
/// The resolved value is only ever handed to the HTTP client: whatever came from the environment is never
/// printed, logged, snapshotted or audited.
public struct HTTPHeaderTemplate: Sendable, Equatable {
    /// The header name as written, e.g. `Authorization`.
    public var name: String
    /// The value as written, e.g. `Bearer ${API_TOKEN}`.
    public var template: String

    /// Creates a header from its name and value template.
    public init(name: String, template: String) {
        self.name = name
        self.template = template
    }

    /// The environment variables the value references, in order.
    public var variables: [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstRange(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// The value with each `${NAME}` replaced by `environment[NAME]` (empty when unset).
    public func resolved(in environment: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            result += rest[..<open.lowerBound]
            result += environment[String(after[..<close])] ?? ""
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }
}
