import FoundationEssentials

/// The plain-text tables of `touchline alerts` and `touchline silences`.
public enum AlertsText {
    /// The alerts as a table (severity, name, summary, differing labels, since, state) and the summary line.
    public static func alerts(_ poll: AlertsPoll, label: String, fixed: Set<String> = []) -> String {
        var lines: [String] = []
        if !poll.alerts.isEmpty {
            let names = AlertOrder.differingLabels(poll.alerts, fixed: fixed)
            let rows = poll.alerts.map { alert -> [String] in
                [alert.severityText, alert.name, alert.summary, AlertOrder.labelText(alert, names: names),
                 AgeText.format(poll.time.timeIntervalSince(alert.startsAt)), alert.muteText.isEmpty ? "firing" : alert.muteText]
            }
            lines += TextTable.plain([["SEVERITY", "NAME", "SUMMARY", "LABELS", "SINCE", "STATE"]] + rows)
            lines.append("")
        }
        lines.append("\(label): \(AlertsGate.summary(poll))")
        return lines.joined(separator: "\n")
    }

    /// The silences as a table (id, state, matchers, ends in, created by, comment), or a line saying there are none.
    public static func silences(_ silences: [AlertSilence], label: String, now: Date) -> String {
        guard !silences.isEmpty else { return "\(label): no active or pending silences" }
        let rows = silences.map { silence -> [String] in
            [silence.id, silence.state, silence.matchersText, AgeText.format(silence.endsAt.timeIntervalSince(now)), silence.createdBy,
             silence.comment]
        }
        return TextTable.plain([["ID", "STATE", "MATCHERS", "ENDS IN", "CREATED BY", "COMMENT"]] + rows).joined(separator: "\n")
    }
}
