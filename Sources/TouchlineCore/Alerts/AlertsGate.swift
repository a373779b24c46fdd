/// `touchline alerts`' verdict, for deploy gates: 2 when a critical alert fires, 1 when only other alerts fire
/// (warning, info, or no known severity), 0 when none fires. Silenced, inhibited and pending alerts do not
/// count; an unreadable source is 2 (a gate must not pass blind).
public enum AlertsGate {
    /// The exit code for `poll`.
    public static func exitCode(_ poll: AlertsPoll) -> Int32 {
        if poll.error != nil { return 2 }
        let counted = poll.alerts.filter(\.counts)
        if counted.contains(where: { $0.severity == .critical }) { return 2 }
        return counted.isEmpty ? 0 : 1
    }

    /// `1 critical, 2 warning firing (1 silenced)`, or `no alerts firing`.
    public static func summary(_ poll: AlertsPoll) -> String {
        if let error = poll.error { return "cannot read alerts: \(error)" }
        let counts = AlertOrder.counts(poll.alerts)
        let parts = AlertSeverity.allCases.compactMap { severity in counts[severity].map { "\($0) \(severity.rawValue)" } }
        let muted = poll.alerts.filter { $0.firing && $0.suppressed }.count
        let pending = poll.alerts.filter { !$0.firing }.count
        var text = parts.isEmpty ? "no alerts firing" : parts.joined(separator: ", ") + " firing"
        var extra: [String] = []
        if muted > 0 { extra.append("\(muted) silenced or inhibited") }
        if pending > 0 { extra.append("\(pending) pending") }
        if !extra.isEmpty { text += " (\(extra.joined(separator: ", ")))" }
        return text
    }
}
