/// One line of a service's log as the Logs view keeps it: printable text, its level, and whether it is
/// touchline's own note about the stream (`▶ exited with code 1`, `▶ file truncated`).
public struct LogLine: Sendable, Equatable {
    /// The text: valid UTF-8, control characters and escape sequences removed, at most ``LogText/lineLimit`` bytes.
    public var text: String
    /// Its level (``LogLevel/classify(_:)``).
    public var level: LogLevel
    /// Whether touchline wrote it (drawn dim, never filtered out).
    public var notice: Bool

    /// A line of the log.
    public init(text: String, level: LogLevel, notice: Bool = false) {
        self.text = text
        self.level = level
        self.notice = notice
    }

    /// A line of the log, its level read from its markers.
    public init(_ text: String) {
        self.init(text: text, level: LogLevel.classify(text))
    }

    /// touchline's own note about the stream.
    public static func note(_ text: String, level: LogLevel = .other) -> LogLine {
        LogLine(text: "▶ " + text, level: level, notice: true)
    }
}
