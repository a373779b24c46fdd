/// Which lines the Logs view shows (key `f` cycles all → warn → error).
public enum LogLevelFilter: String, Sendable, CaseIterable {
    /// Every line.
    case all
    /// Warnings and errors.
    case warn
    /// Errors only.
    case error

    /// Whether a line of `level` passes; touchline's own notes (stream ended, file rotated) always do.
    public func passes(_ line: LogLine) -> Bool {
        switch self {
        case .all: return true
        case .warn: return line.notice || line.level >= .warn
        case .error: return line.notice || line.level == .error
        }
    }

    /// The next filter in the cycle.
    public var next: LogLevelFilter {
        switch self {
        case .all: return .warn
        case .warn: return .error
        case .error: return .all
        }
    }
}
