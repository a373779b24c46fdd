import FoundationEssentials

/// The alerts firing and the silences active at one moment, as the incident snapshot and the rehearsal report
/// keep them (with their labels and since when), or why the source could not be read then.
public struct AlertsAtTime: Sendable, Equatable {
    /// When they were read.
    public var time: Date
    /// `alertmanager URL` or `prometheus URL`.
    public var source: String
    /// The firing alerts (pending ones left out), muted ones included and marked.
    public var alerts: [Alert]
    /// The active silences.
    public var silences: [AlertSilence]
    /// Why the source could not be read; nil when it answered.
    public var error: String?

    /// Creates the record.
    public init(time: Date, source: String, alerts: [Alert], silences: [AlertSilence], error: String? = nil) {
        self.time = time
        self.source = source
        self.alerts = alerts
        self.silences = silences
        self.error = error
    }

    /// The record of a poll.
    public init(_ poll: AlertsPoll, source: String) {
        self.init(time: poll.time, source: source, alerts: poll.alerts.filter(\.firing), silences: poll.silences.filter(\.active),
                  error: poll.error)
    }

    /// The record of what the dashboard knows (the last answer; the reason when the last poll failed).
    public init(_ state: AlertingState, source: String, now: Date) {
        self.init(time: state.answeredAt ?? now, source: source, alerts: state.alerts.filter(\.firing),
                  silences: state.activeSilences, error: state.error)
    }

    /// `{"source", "read_at", "error", "firing": [alert…], "silences": [silence…]}` (``AlertsReportJSON``'s shapes).
    public var json: JSONValue {
        .object([
            "source": .string(source),
            "read_at": .string(ActionJSON.format(time)),
            "error": .string(error),
            "firing": .array(alerts.map { AlertsReportJSON.alert($0, now: time) }),
            "silences": .array(silences.map(AlertsReportJSON.silence)),
        ])
    }

    /// The Markdown sections `## Alerts firing` and `## Silences active`.
    public var markdown: [String] {
        var lines = ["", "## Alerts firing", "", "Read \(ActionJSON.format(time)) from \(source)."]
        if let error { lines += ["", "**Could not read the alerts: \(cell(error))** (the lists below are the last ones read)."] }
        lines.append("")
        if alerts.isEmpty {
            lines.append("None firing.")
        } else {
            lines += TextTable.markdown(header: ["severity", "alert", "state", "since", "labels", "summary"], rows: alerts.map { alert in
                let labels = alert.labels.filter { $0.key != "alertname" && $0.key != "severity" }.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return [cell(alert.severityText), cell(alert.name), alert.muteText.isEmpty ? "firing" : alert.muteText,
                        ActionJSON.format(alert.startsAt), cell(labels), cell(alert.summary)]
            })
        }
        lines += ["", "## Silences active", ""]
        if silences.isEmpty {
            lines.append("None.")
        } else {
            lines += TextTable.markdown(header: ["id", "matchers", "since", "until", "by", "comment"], rows: silences.map { silence in
                [silence.id, cell(silence.matchersText), ActionJSON.format(silence.startsAt), ActionJSON.format(silence.endsAt),
                 cell(silence.createdBy), cell(silence.comment)]
            })
        }
        return lines
    }

    private func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
