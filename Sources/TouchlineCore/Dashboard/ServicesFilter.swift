/// The `/` filter of the Services table: space-separated terms that must all match. `kind:http` and
/// `status:down` match that field (a prefix: `status:deg`); a bare word matches a service whose name
/// contains it, or whose status or kind starts with it (`/down`, `/http`, `/api`). Case-insensitive.
public struct ServicesFilter: Sendable, Equatable {
    /// One term of the filter.
    enum Term: Equatable {
        case any(String)
        case kind(String)
        case status(String)
        case name(String)
    }

    let terms: [Term]

    /// Parses the filter text as typed after `/`.
    public init(_ text: String) {
        terms = text.lowercased().split(separator: " ").map { word in
            let parts = word.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { return .any(String(word)) }
            switch parts[0] {
            case "kind": return .kind(parts[1])
            case "status": return .status(parts[1])
            case "name": return .name(parts[1])
            default: return .any(String(word))
            }
        }
    }

    /// Whether `probe`, showing `status`, passes every term.
    public func matches(_ probe: ProbeState) -> Bool {
        let name = probe.config.name.lowercased()
        let kind = probe.config.kind.rawValue
        let status = probe.status.rawValue
        return terms.allSatisfy { term in
            switch term {
            case .any(let word): return name.contains(word) || status.hasPrefix(word) || kind.hasPrefix(word)
            case .kind(let word): return kind.hasPrefix(word)
            case .status(let word): return status.hasPrefix(word)
            case .name(let word): return name.contains(word)
            }
        }
    }
}
