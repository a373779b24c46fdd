import FoundationEssentials

/// The JSON document of an ``IncidentSnapshot``: snake_case keys, times in ISO 8601 UTC, latencies in ms.
public enum IncidentSnapshotJSON {
    /// The whole document.
    public static func document(_ snapshot: IncidentSnapshot) -> JSONValue {
        .object([
            "environment": .string(snapshot.environment.name),
            "label": .string(snapshot.environment.label),
            "protected": .bool(snapshot.environment.protected),
            "taken_at": .string(ActionJSON.format(snapshot.takenAt)),
            "source": .string(snapshot.source),
            "paused": .bool(snapshot.paused),
            "status": .string(snapshot.status.rawValue),
            "sample_span_seconds": .number(IncidentSnapshot.sampleSpan),
            "probes": .array(snapshot.probes.map { probe(snapshot, $0) }),
            "events": .array(snapshot.events.map(event)),
            "actions": .array(snapshot.actions.map { action($0, interrupted: snapshot.interruptedActions) }),
            "backups": .array(snapshot.backups.map(backup)),
            "backup_warning": .string(snapshot.backupWarning),
            "logs": .array(snapshot.logs.map { .object(["service": .string($0.service), "source": .string($0.source),
                                                        "lines": .array($0.lines.map { .string($0) }), "error": .string($0.error)]) }),
            "postgres_sessions": .array(snapshot.sessions.map(\.json)),
            "redis_diagnostics": .array(snapshot.redisDiagnostics.map(\.json)),
            "lock_holders": .array(snapshot.lockHolders.map { .string($0) }),
            "alerts": snapshot.alerting?.json ?? .null,
        ])
    }

    /// The document as text, keys sorted so the output is stable.
    public static func text(_ snapshot: IncidentSnapshot) -> String {
        let encoder = JSONOutput.encoder(pretty: true)
        guard let data = try? encoder.encode(document(snapshot)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func probe(_ snapshot: IncidentSnapshot, _ probe: ProbeState) -> JSONValue {
        let config = probe.config
        var object: [String: JSONValue] = [
            "name": .string(config.name),
            "kind": .string(config.kind.rawValue),
            "target": .string(config.target.displayTarget),
            "interval_seconds": .number(config.interval),
            "timeout_seconds": .number(config.timeout),
            "status": .string(probe.status.rawValue),
            "latest": probe.latest.map { sample($0, metrics: true, now: snapshot.takenAt) } ?? .null,
            "stats": .object([
                "1m": stats(probe.window.stats(over: 60, now: snapshot.takenAt)),
                "5m": stats(probe.window.stats(over: 300, now: snapshot.takenAt)),
            ]),
            "samples": .array(snapshot.samples(of: probe).map { sample($0, metrics: false, now: snapshot.takenAt) }),
            "unpolled": .array(snapshot.unpolledSpans(of: probe).map { unpolled($0, until: snapshot.takenAt) }),
            "failure_threshold": .integer(Int64(config.failureThreshold)),
            "success_threshold": .integer(Int64(config.successThreshold)),
        ]
        if let metrics = probe.lastMetrics { object["last_metrics"] = .object(MetricsJSON.object(for: metrics, now: snapshot.takenAt)) }
        if let since = probe.troubleSince { object["trouble_since"] = .string(ActionJSON.format(since)) }
        return .object(object)
    }

    private static func sample(_ sample: ProbeSample, metrics: Bool, now: Date) -> JSONValue {
        var object: [String: JSONValue] = [
            "time": .string(ActionJSON.format(sample.time)),
            "status": .string(sample.status.rawValue),
            "latency_ms": .number(milliseconds(sample.latency)),
        ]
        if let error = sample.error { object["error"] = .string(error) }
        if let version = sample.version { object["version"] = .string(version) }
        if sample.includesSetup { object["includes_setup"] = .bool(true) }
        if sample.timedOut { object["latency_is_lower_bound"] = .bool(true) }
        if metrics { object["metrics"] = .object(MetricsJSON.object(for: sample.metrics, now: now)) }
        return .object(object)
    }

    /// A window's figures; each latency figure has a `_is_lower_bound` flag beside it, true when checks
    /// that ran out of their deadline (counted at their timeout) reach it, so the real figure may be higher.
    private static func stats(_ stats: WindowStats) -> JSONValue {
        .object([
            "samples": .integer(Int64(stats.count)),
            "p50_ms": .number(milliseconds(stats.p50)),
            "p50_is_lower_bound": .bool(stats.p50IsLowerBound),
            "p95_ms": .number(milliseconds(stats.p95)),
            "p95_is_lower_bound": .bool(stats.p95IsLowerBound),
            "p99_ms": .number(milliseconds(stats.p99)),
            "p99_is_lower_bound": .bool(stats.p99IsLowerBound),
            "average_ms": .number(milliseconds(stats.average)),
            "average_is_lower_bound": .bool(stats.averageIsLowerBound),
            "timed_out": .integer(Int64(stats.timedOut)),
            "error_rate": .number(stats.errorRate),
            "availability": .number(stats.availability),
            "unpolled_seconds": .number((stats.unpolledSeconds * 1000).rounded() / 1000),
        ])
    }

    private static func unpolled(_ span: UnpolledSpan, until end: Date) -> JSONValue {
        .object([
            "from": .string(ActionJSON.format(span.from)),
            "to": .string(span.to.map(ActionJSON.format)),
            "seconds": .number(((span.to ?? end).timeIntervalSince(span.from) * 1000).rounded() / 1000),
        ])
    }

    private static func event(_ event: TimelineEvent) -> JSONValue {
        .object([
            "time": .string(ActionJSON.format(event.time)),
            "probe": .string(event.probe),
            "status": .string(event.status?.rawValue),
            "message": .string(event.message),
        ])
    }

    private static func action(_ record: AuditRecord, interrupted: Set<String>) -> JSONValue {
        var object: [String: JSONValue] = [
            "time": .string(ActionJSON.format(record.time)),
            "phase": .string(record.phase.rawValue),
            "id": .string(record.id),
            "action": .string(record.action),
            "target": .string(record.target),
            "outcome": .string(record.outcome?.rawValue),
            "user": .string(record.user),
            "host": .string(record.host),
            "duration_seconds": .number(record.durationSeconds),
            "error": .string(record.error),
            "commands": .array(record.commands.map { .array($0.map { .string($0) }) }),
        ]
        if let status = record.exitStatus { object["exit_status"] = .integer(Int64(status)) }
        if !record.details.isEmpty { object["details"] = .object(record.details) }
        if let output = record.output { object["output_sha256"] = .string(output.sha256) }
        if record.phase == .start, interrupted.contains(record.id) { object["interrupted"] = .bool(true) }
        return .object(object)
    }

    private static func backup(_ row: BackupRow) -> JSONValue {
        .object([
            "file": .string(row.file),
            "created": .string(ActionJSON.format(row.created)),
            "size": .integer(row.size),
            "state": .string(row.state),
        ])
    }

    private static func milliseconds(_ seconds: Double?) -> Double? {
        seconds.map { ($0 * 1_000_000).rounded() / 1000 }
    }
}
