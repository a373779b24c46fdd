/// Lines a log stream read since its last batch, handed to the reducer at most every 50 ms
/// (``DashboardEvent/logLines(_:)``).
public struct LogBatch: Sendable, Equatable {
    /// The stream they belong to (``LogView/stream``); batches of a closed stream are ignored.
    public var stream: Int
    /// The lines, oldest first (touchline's notes among them).
    public var lines: [LogLine]
    /// Lines the reader dropped since the last batch because the dashboard had not taken the previous one
    /// and its queue was full.
    public var dropped: Int
    /// Lines cut to ``LogText/lineLimit`` bytes in this batch.
    public var cut: Int
    /// Whether the stream ended (the command exited, or could not start); the reason is the last line.
    public var ended: Bool

    /// A batch.
    public init(stream: Int, lines: [LogLine], dropped: Int = 0, cut: Int = 0, ended: Bool = false) {
        self.stream = stream
        self.lines = lines
        self.dropped = dropped
        self.cut = cut
        self.ended = ended
    }
}
