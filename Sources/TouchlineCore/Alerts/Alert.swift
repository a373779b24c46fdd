import FoundationEssentials

/// One alert as Alertmanager (`GET /api/v2/alerts`) or Prometheus (`GET /api/v1/alerts`) lists it.
public struct Alert: Sendable, Equatable {
    /// Alertmanager's `fingerprint`; for Prometheus, the sorted labels joined (the same labels, the same alert).
    public var fingerprint: String
    /// Every label, e.g. `alertname`, `severity`, `service`, `env`.
    public var labels: [String: String]
    /// Every annotation, e.g. `summary`, `description`, `runbook_url`.
    public var annotations: [String: String]
    /// Active, suppressed, unprocessed (Alertmanager) or firing, pending (Prometheus).
    public var state: AlertState
    /// Since when it fires: Alertmanager's `startsAt`, Prometheus' `activeAt`.
    public var startsAt: Date
    /// Alertmanager's `endsAt` (when it resolves unless sent again), nil from Prometheus.
    public var endsAt: Date?
    /// The link back to the expression in Prometheus (`generatorURL`), when given.
    public var generatorURL: String?
    /// The ids of the silences that mute it (`status.silencedBy`).
    public var silencedBy: [String]
    /// The fingerprints of the alerts that inhibit it (`status.inhibitedBy`).
    public var inhibitedBy: [String]
    /// Prometheus' `value` (the expression's value when it was evaluated), nil from Alertmanager.
    public var value: String?

    /// Creates an alert.
    public init(fingerprint: String, labels: [String: String], annotations: [String: String] = [:], state: AlertState,
                startsAt: Date, endsAt: Date? = nil, generatorURL: String? = nil, silencedBy: [String] = [],
                inhibitedBy: [String] = [], value: String? = nil) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
        self.value = value
    }

    /// The `alertname` label (`?` when missing).
    public var name: String { labels["alertname"] ?? "?" }

    /// The severity from the `severity` label.
    public var severity: AlertSeverity { AlertSeverity(label: labels["severity"]) }

    /// The `severity` label as written (`?` when there is none).
    public var severityText: String { labels["severity"] ?? "?" }

    /// The `summary` annotation (else `message`, else empty).
    public var summary: String { annotations["summary"] ?? annotations["message"] ?? "" }

    /// The `description` annotation, empty when absent.
    public var description: String { annotations["description"] ?? "" }

    /// Whether it is silenced (`silencedBy` not empty).
    public var silenced: Bool { !silencedBy.isEmpty }

    /// Whether it is inhibited (`inhibitedBy` not empty).
    public var inhibited: Bool { !inhibitedBy.isEmpty }

    /// Whether it is muted: suppressed, silenced or inhibited.
    public var suppressed: Bool { state == .suppressed || silenced || inhibited }

    /// Whether it fires (pending does not).
    public var firing: Bool { state != .pending }

    /// Whether it counts for the gate and the header's counts: firing and not suppressed.
    public var counts: Bool { firing && !suppressed }

    /// `silenced`, `inhibited`, `pending` or empty: the row's mute column.
    public var muteText: String {
        if silenced { return "silenced" }
        if inhibited { return "inhibited" }
        if state == .suppressed { return "suppressed" }
        if state == .pending { return "pending" }
        return ""
    }

    /// The labels that identify it for a silence: every label but `severity` (a silence should outlive a
    /// change of severity), as `name="value"` equality matchers sorted by name, `alertname` first.
    public var identifyingMatchers: [AlertMatcher] {
        labels.filter { $0.key != "severity" }
            .sorted { ($0.key == "alertname" ? "" : $0.key) < ($1.key == "alertname" ? "" : $1.key) }
            .map { AlertMatcher(name: $0.key, value: $0.value) }
    }

    /// A fingerprint from `labels` alone, for sources that give none (Prometheus).
    public static func fingerprint(of labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
