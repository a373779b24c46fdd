import FoundationEssentials

/// What the dashboard knows of the shown environment's alerts: the last answer of its source, why the
/// last poll failed (the list then stays as last read), and the firing alerts already announced in Events.
public struct AlertingState: Sendable, Equatable {
    /// The environment these alerts belong to (nil before the first poll).
    public var environment: String?
    /// The alerts of the last answer, in ``AlertOrder`` order.
    public var alerts: [Alert] = []
    /// The silences active or pending at the last answer.
    public var silences: [AlertSilence] = []
    /// Why the last poll failed; nil after an answer.
    public var error: String?
    /// When the source last answered.
    public var answeredAt: Date?
    /// Whether any poll of this environment came back (an answer or a failure).
    public var polled = false
    /// The firing alerts announced in Events, by fingerprint: a fingerprint gone from an answer is resolved.
    public var announced: [String: Alert] = [:]
    /// `createdBy` of the silences made from this dashboard: `user@host`, set when the dashboard starts.
    public var createdBy = "touchline"

    /// Creates an empty state.
    public init() {}

    /// Forgets the alerts of the environment shown before (a switch), keeping `createdBy`.
    public mutating func reset() {
        let createdBy = self.createdBy
        self = AlertingState()
        self.createdBy = createdBy
    }

    /// How many alerts count (firing, not muted) per severity.
    public var counts: [AlertSeverity: Int] { AlertOrder.counts(alerts) }

    /// The active silences.
    public var activeSilences: [AlertSilence] { silences.filter(\.active) }
}
