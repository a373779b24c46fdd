import FoundationEssentials

/// The Alerts view's order and columns: severity first (critical, warning, unknown, info), then the longest
/// firing first, then name and fingerprint so that equal alerts never swap rows between polls.
public enum AlertOrder {
    /// `alerts` in view order.
    public static func sorted(_ alerts: [Alert]) -> [Alert] {
        alerts.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            if lhs.startsAt != rhs.startsAt { return lhs.startsAt < rhs.startsAt }
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            return lhs.fingerprint < rhs.fingerprint
        }
    }

    /// The label names worth a column: those whose value is not the same on every alert listed (a label
    /// missing on some differs), never `alertname` and `severity` (columns of their own) nor the labels the
    /// environment's matchers fix. With a single alert every other label is shown.
    public static func differingLabels(_ alerts: [Alert], fixed: Set<String> = []) -> [String] {
        let hidden = fixed.union(["alertname", "severity"])
        let names = Set(alerts.flatMap(\.labels.keys)).subtracting(hidden)
        guard alerts.count > 1 else { return names.sorted() }
        return names.filter { name in
            let first = alerts[0].labels[name]
            return alerts.contains { $0.labels[name] != first }
        }.sorted()
    }

    /// `service=api instance=…`: the labels of `alert` named in `names`, in that order.
    public static func labelText(_ alert: Alert, names: [String]) -> String {
        names.compactMap { name in alert.labels[name].map { "\(name)=\($0)" } }.joined(separator: " ")
    }

    /// How many alerts count (firing, not silenced nor inhibited) per severity.
    public static func counts(_ alerts: [Alert]) -> [AlertSeverity: Int] {
        var counts: [AlertSeverity: Int] = [:]
        for alert in alerts where alert.counts { counts[alert.severity, default: 0] += 1 }
        return counts
    }
}
