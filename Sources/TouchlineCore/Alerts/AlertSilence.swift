import FoundationEssentials

/// One Alertmanager silence (`GET /api/v2/silences`): its matchers, its window, who made it and why.
public struct AlertSilence: Sendable, Equatable {
    /// The silence's id (`id`), what `DELETE /api/v2/silence/{id}` takes.
    public var id: String
    /// What it mutes: every matcher must hold.
    public var matchers: [AlertMatcher]
    /// When it starts and ends.
    public var startsAt: Date
    public var endsAt: Date
    /// `createdBy`, e.g. `alice@laptop`.
    public var createdBy: String
    /// `comment`: why.
    public var comment: String
    /// `status.state`: `active`, `pending` (starts later) or `expired`.
    public var state: String

    /// Creates a silence.
    public init(id: String, matchers: [AlertMatcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String,
                state: String) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.state = state
    }

    /// Whether Alertmanager says it is active.
    public var active: Bool { state == "active" }

    /// The matchers in Alertmanager's notation, comma-separated.
    public var matchersText: String { matchers.map(\.text).joined(separator: ", ") }

    /// Whether it mutes an alert with `labels`.
    public func mutes(_ labels: [String: String]) -> Bool { matchers.allSatisfy { $0.matches(labels) } }
}
