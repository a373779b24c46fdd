/// How one restart, rollback or restore ended: its outcome, a sentence for people, and the measured
/// figures under snake_case keys (`time_to_healthy_seconds`, `downtime_seconds`, `release`, …) for JSON.
public struct ActionReport: Sendable, Equatable {
    /// Ok, failed, refused (nothing was run) or cancelled.
    public var outcome: AuditOutcome
    /// One sentence saying what happened, with the figures in words.
    public var message: String
    /// The measured figures and facts, keyed in snake_case; absent keys were not measured.
    public var figures: [String: JSONValue]

    /// Creates a report.
    public init(_ outcome: AuditOutcome, _ message: String, figures: [String: JSONValue] = [:]) {
        self.outcome = outcome
        self.message = message
        self.figures = figures
    }

    /// Whether the action did what it should.
    public var ok: Bool { outcome == .ok }
}
