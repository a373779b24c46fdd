import FoundationEssentials

/// The JSON form of a ``RehearsalReport``: the same figures as the Markdown, with numbers as numbers
/// (seconds, bytes, counts) so that scripts can compare runs.
public enum RehearsalJSON {
    /// The report as a JSON value.
    public static func value(_ report: RehearsalReport) -> JSONValue {
        var object: [String: JSONValue] = [
            "environment": .string(report.environment),
            "started_at": .string(ActionJSON.format(report.startedAt)),
            "duration_seconds": .number(report.duration),
            "passed": .bool(report.passed),
            "verdict": .string(report.verdict),
            "releases": .object(["original": .string(report.originalRelease), "target": .string(report.targetRelease)]),
            "steps": .array(report.steps.map(step)),
            "switches": .array(report.switches.map(measurement)),
            "row_counts": .array(report.rowCounts.map { check in
                .object(["table": .string(check.table), "expected": .integer(check.expected),
                         "found": check.found.map { .integer($0) } ?? .null, "matches": .bool(check.matches)])
            }),
            "load": report.load.map(load) ?? .null,
            "backup": report.backup.map { backup($0, path: report.backupPath) } ?? .null,
        ]
        if let refusal = report.refusal { object["refused"] = .string(refusal) }
        if let cancellation = report.cancellation { object["cancelled"] = .string(cancellation) }
        if let stateLeft = report.stateLeft { object["state_left"] = .string(stateLeft) }
        if let alerting = report.alerting { object["alerts"] = alerting.json }
        return .object(object)
    }

    /// The report as pretty-printed JSON text with sorted keys.
    public static func render(_ report: RehearsalReport) -> String {
        let encoder = JSONOutput.encoder(pretty: true)
        guard let data = try? encoder.encode(value(report)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func step(_ record: RehearsalStepRecord) -> JSONValue {
        var figures: [String: JSONValue] = [:]
        for figure in record.figures { figures[figure.name] = figure.value }
        return .object([
            "number": .integer(Int64(record.step.number)),
            "step": .string(record.step.rawValue),
            "title": .string(record.step.title),
            "state": .string(record.state.rawValue),
            "started_at": .string(record.startedAt.map(ActionJSON.format)),
            "duration_seconds": .number(record.duration),
            "summary": .string(record.summary),
            "figures": .object(figures),
            "notes": .array(record.notes.map { .string($0) }),
            "output_tail": .string(record.outputTail),
        ])
    }

    private static func measurement(_ switched: RollbackMeasurement) -> JSONValue {
        .object([
            "kind": .string(switched.kind), "from": .string(switched.from), "to": .string(switched.to),
            "succeeded": .bool(switched.succeeded), "downtime_seconds": .number(switched.downtime),
            "total_seconds": .number(switched.total),
        ])
    }

    private static func load(_ result: LoadTestResult) -> JSONValue {
        .object([
            "requests": .integer(Int64(result.requests)), "errors": .integer(Int64(result.errors)),
            "error_rate": .number(result.errorRate), "throughput_rps": .number(result.throughput),
            "wall_seconds": .number(result.wallSeconds), "concurrency": .integer(Int64(result.concurrency)),
            "p50_seconds": .number(result.p50), "p95_seconds": .number(result.p95), "p99_seconds": .number(result.p99),
            "max_seconds": .number(result.max), "max_p95_seconds": .number(result.maxP95),
            "max_error_rate": .number(result.maxErrorRate), "breach": .string(result.breach),
            "error_kinds": .array(result.errorKinds.map { .string($0) }),
            "generator": .string(result.generator ?? "touchline"),
        ])
    }

    private static func backup(_ record: BackupRecord, path: String?) -> JSONValue {
        var rows: [String: JSONValue] = [:]
        for (table, count) in record.tableRows { rows[table] = .integer(count) }
        return .object([
            "file": .string(record.file), "path": .string(path), "size_bytes": .integer(record.size),
            "sha256": .string(record.sha256), "verified": .bool(record.verified), "database": .string(record.database),
            "server_version": .string(record.serverVersion), "duration_seconds": .number(record.durationSeconds),
            "table_rows": .object(rows),
        ])
    }
}
