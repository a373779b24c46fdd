import FoundationEssentials

/// One line of the Events pane: a status change of a probe, or something touchline did.
public struct TimelineEvent: Sendable, Equatable {
    /// When it happened.
    public var time: Date
    /// The probe concerned, if any.
    public var probe: String?
    /// The status it moved to (for transitions), which sets the line's colour and glyph.
    public var status: ProbeStatus?
    /// What happened, in words.
    public var message: String
    /// The environment it happened in (nil: not known, e.g. an event older than the field).
    public var environment: String?

    /// Creates an event.
    public init(time: Date, probe: String?, status: ProbeStatus?, message: String, environment: String? = nil) {
        self.time = time
        self.probe = probe
        self.status = status
        self.message = message
        self.environment = environment
    }
}
