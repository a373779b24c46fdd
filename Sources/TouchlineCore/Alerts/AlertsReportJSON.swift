import FoundationEssentials

/// The JSON of alerts and silences, for `touchline alerts --json`, `touchline silences --json`, the incident
/// snapshot and the rehearsal report: snake_case keys, times in ISO 8601 UTC.
public enum AlertsReportJSON {
    /// One alert: `name`, `severity` (the label), `severity_rank` (critical, warning, unknown, info), `state`,
    /// `silenced`, `inhibited`, `counts` (firing and not muted), `starts_at`, `ends_at`, `firing_seconds`,
    /// `labels`, `annotations`, `summary`, `description`, `generator_url`, `silenced_by`, `inhibited_by`, `fingerprint`.
    public static func alert(_ alert: Alert, now: Date) -> JSONValue {
        .object([
            "name": .string(alert.name),
            "severity": .string(alert.labels["severity"]),
            "severity_rank": .string(alert.severity.rawValue),
            "state": .string(alert.state.rawValue),
            "silenced": .bool(alert.silenced),
            "inhibited": .bool(alert.inhibited),
            "counts": .bool(alert.counts),
            "starts_at": .string(ActionJSON.format(alert.startsAt)),
            "ends_at": .string(alert.endsAt.map(ActionJSON.format)),
            "firing_seconds": .number(max(0, now.timeIntervalSince(alert.startsAt))),
            "labels": .object(alert.labels.mapValues { .string($0) }),
            "annotations": .object(alert.annotations.mapValues { .string($0) }),
            "summary": .string(alert.summary),
            "description": .string(alert.description),
            "generator_url": .string(alert.generatorURL),
            "silenced_by": .array(alert.silencedBy.map { .string($0) }),
            "inhibited_by": .array(alert.inhibitedBy.map { .string($0) }),
            "fingerprint": .string(alert.fingerprint),
        ])
    }

    /// One silence: `id`, `state`, `matchers` (Alertmanager notation), `starts_at`, `ends_at`, `created_by`, `comment`.
    public static func silence(_ silence: AlertSilence) -> JSONValue {
        .object([
            "id": .string(silence.id),
            "state": .string(silence.state),
            "matchers": .array(silence.matchers.map { .string($0.text) }),
            "starts_at": .string(ActionJSON.format(silence.startsAt)),
            "ends_at": .string(ActionJSON.format(silence.endsAt)),
            "created_by": .string(silence.createdBy),
            "comment": .string(silence.comment),
        ])
    }

    /// The verdict of `touchline alerts --json`: `environment`, `source`, `checked_at`, `exit_code`, `status`
    /// (`none`, `warning`, `critical`, `unreachable`), `summary`, `error`, `counts` by severity, `alerts`, `silences`.
    public static func report(_ poll: AlertsPoll, source: String) -> JSONValue {
        let code = AlertsGate.exitCode(poll)
        let status = poll.error != nil ? "unreachable" : code == 2 ? "critical" : code == 1 ? "warning" : "none"
        let counts = AlertOrder.counts(poll.alerts)
        return .object([
            "environment": .string(poll.environment),
            "source": .string(source),
            "checked_at": .string(ActionJSON.format(poll.time)),
            "exit_code": .integer(Int64(code)),
            "status": .string(status),
            "summary": .string(AlertsGate.summary(poll)),
            "error": .string(poll.error),
            "counts": .object(Dictionary(uniqueKeysWithValues: AlertSeverity.allCases.map { ($0.rawValue, .integer(Int64(counts[$0] ?? 0))) })),
            "alerts": .array(poll.alerts.map { alert($0, now: poll.time) }),
            "silences": .array(poll.silences.map(silence)),
        ])
    }
}
