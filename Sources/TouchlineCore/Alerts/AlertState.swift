/// Where an alert stands, as its source says: Alertmanager API v2's `status.state` (`active`, `suppressed`,
/// `unprocessed`) or Prometheus `/api/v1/alerts`' `state` (`firing`, `pending`).
public enum AlertState: String, Sendable, Equatable {
    /// Alertmanager: firing and neither silenced nor inhibited.
    case active
    /// Alertmanager: firing but silenced or inhibited (``Alert/silencedBy``, ``Alert/inhibitedBy``).
    case suppressed
    /// Alertmanager: received, not yet processed (counted as firing).
    case unprocessed
    /// Prometheus: its expression holds, but not yet for the rule's `for` duration (shown, never counted).
    case pending
    /// Prometheus: firing (Prometheus knows nothing of silences).
    case firing

    /// The state of a source's word; unknown words count as firing (never hide an alert).
    public init(word: String) {
        self = AlertState(rawValue: word.lowercased()) ?? .active
    }
}
