/// A parsed TOML value, detached from the parser so it can cross threads and be tested alone.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// A TOML date, time or date-time: touchline has no key that takes one.
    case dateTime(String)

    /// The TOML name of the value's type, as used in error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .array: return "array"
        case .table: return "table"
        case .dateTime: return "date-time"
        }
    }
}
