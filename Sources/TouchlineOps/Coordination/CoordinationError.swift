import TouchlineCore

/// Why the coordination store could not be used.
public enum CoordinationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// It could not be reached or a statement failed (the connection's error, passwords removed).
    case unreachable(String)
    /// The `touchline` schema is newer than this binary understands: an older touchline must not write to it.
    case schemaTooNew(found: Int, supported: Int)
    /// A statement failed on a live connection (e.g. the role may not create the schema).
    case failed(String)

    /// What the store's state reads as after `store ` (the dashboard's header, help and Events):
    /// `unreachable: Connection refused (…)`, `failed: …`, `refused: its schema is version 9, …`.
    public var storeState: String {
        switch self {
        case .unreachable(let reason): return "unreachable: \(reason)"
        case .schemaTooNew(let found, let supported):
            return "refused: its schema is version \(found), newer than this touchline understands (\(supported)): upgrade touchline"
        case .failed(let reason): return "failed: \(reason)"
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let reason): return "coordination store unreachable: \(reason)"
        case .schemaTooNew(let found, let supported):
            return "the coordination schema is version \(found), newer than this touchline understands (\(supported)): upgrade touchline"
        case .failed(let reason): return "coordination store: \(reason)"
        }
    }
}
