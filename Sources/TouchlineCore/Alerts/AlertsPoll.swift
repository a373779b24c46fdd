import FoundationEssentials

/// One poll of an environment's alert source: its alerts (kept by the environment's matchers, in
/// ``AlertOrder`` order), its silences not yet expired, or why the source could not be read.
public struct AlertsPoll: Sendable, Equatable {
    /// The environment polled.
    public var environment: String
    /// When the answer arrived.
    public var time: Date
    /// The alerts kept, sorted (empty on failure).
    public var alerts: [Alert]
    /// The silences active or pending (Alertmanager only; empty from Prometheus).
    public var silences: [AlertSilence]
    /// Why the source could not be read (the whole poll failed); nil when it answered.
    public var error: String?
    /// How long the poll took, in seconds.
    public var seconds: Double

    /// Creates a poll result.
    public init(environment: String, time: Date, alerts: [Alert] = [], silences: [AlertSilence] = [], error: String? = nil,
                seconds: Double = 0) {
        self.environment = environment
        self.time = time
        self.alerts = alerts
        self.silences = silences
        self.error = error
        self.seconds = seconds
    }

    /// The poll of a source that answered: `alerts` filtered by `matchers` and sorted, `silences` without the
    /// expired ones, newest end last.
    public static func answered(environment: String, time: Date, alerts: [Alert], silences: [AlertSilence],
                                matchers: [AlertMatcher], seconds: Double = 0) -> AlertsPoll {
        let kept = matchers.isEmpty ? alerts : alerts.filter { alert in matchers.allSatisfy { $0.matches(alert.labels) } }
        let live = silences.filter { $0.state != "expired" }.sorted { $0.endsAt < $1.endsAt }
        return AlertsPoll(environment: environment, time: time, alerts: AlertOrder.sorted(kept), silences: live, seconds: seconds)
    }
}
