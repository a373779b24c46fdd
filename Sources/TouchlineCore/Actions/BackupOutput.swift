import FoundationEssentials

/// What `touchline backup` prints: a backup's result and the inventory, as text or JSON. Pure.
public enum BackupOutput {
    /// The result for people: file, size, sha256, rows per table, verification, timings.
    public static func text(_ result: BackupResult, environment: String) -> String {
        guard let report = result.report else { return "\(environment): \(result.message)" }
        let record = report.record
        var lines = [
            "backup of \(environment): ok",
            "file      \(report.path)",
            "size      \(ByteText.format(record.size)) (\(record.size) bytes; SQL \(ByteText.format(record.dumpBytes ?? 0)))",
            "sha256    \(record.sha256)",
            "verified  \(record.verified ? "yes (gzip integrity, pg_dump completion trailer)" : "NO")",
            "database  \(record.database) on PostgreSQL \(record.serverVersion)",
            "time      dump \(seconds(report.dumpSeconds)), verify \(seconds(report.verifySeconds))",
            "rows",
        ]
        lines += TextTable.plain(record.tableRows.sorted(by: { $0.key < $1.key }).map { [$0.key, String($0.value)] },
                                 alignments: [.left, .right], indent: "  ")
        if record.tableRows.isEmpty { lines.append("  (no user tables)") }
        for expired in report.expired { lines.append("expired   \(expired.file) (retention)") }
        for warning in report.warnings { lines.append("warning   \(warning)") }
        return lines.joined(separator: "\n")
    }

    /// The result as one JSON object, with the keys every headless action's object has (`environment`, `action`,
    /// `ok`, `outcome`, `message`; the message as the command's line says it, `failed: …`) and the backup's own.
    public static func json(_ result: BackupResult, environment: String) -> JSONValue {
        var object: [String: JSONValue] = ["environment": .string(environment), "action": .string("backup"),
                                           "ok": .bool(result.report != nil), "outcome": .string(result.outcome.rawValue)]
        guard let report = result.report else {
            object["error"] = .string(result.reason ?? result.message)  // the cause: `outcome` says it failed
            object["message"] = .string("\(result.outcome.rawValue): \(result.reason ?? result.message)")
            return .object(object)
        }
        object["message"] = .string(result.message)
        object["file"] = .string(report.path)
        object["record"] = recordJSON(report.record)
        object["dump_seconds"] = .number(report.dumpSeconds)
        object["verify_seconds"] = .number(report.verifySeconds)
        object["expired"] = .array(report.expired.map { .string($0.file) })
        object["warnings"] = .array(report.warnings.map { .string($0) })
        return .object(object)
    }

    /// The inventory for people: one line per backup (age, size, state, file), then the freshness warning.
    public static func listText(_ inventory: BackupInventory, environment: String) -> String {
        var lines = ["backups of \(environment) in \(inventory.directory)"]
        if let problem = inventory.manifestProblem { lines.append("warning: \(problem)") }
        if inventory.entries.isEmpty { lines.append("  (none)") }
        for entry in inventory.entries {
            let age = DisplayWidth.pad(AgeText.format(entry.age), to: 7)
            let size = DisplayWidth.pad(ByteText.format(entry.size), to: 10)
            let state = DisplayWidth.pad(entry.state.rawValue, to: 13)
            let origin = entry.record?.shownOrigin ?? .unknown
            let originText = DisplayWidth.pad(origin.shortText, to: 10)
            var line = "  \(age) \(size) \(state) \(originText) \(entry.file)"
            if origin == .safety, let restoring = entry.record?.restoring { line += " (before restore of \(restoring))" }
            lines.append(line)
        }
        if let warning = inventory.freshnessWarning() { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }

    /// The inventory as one JSON object.
    public static func listJSON(_ inventory: BackupInventory, environment: String) -> JSONValue {
        let entries: [JSONValue] = inventory.entries.map { entry in
            var object: [String: JSONValue] = [
                "file": .string(entry.file), "created": .string(ActionJSON.format(entry.created)),
                "age_seconds": .number(entry.age.rounded()), "size": .integer(entry.size), "state": .string(entry.state.rawValue),
            ]
            if let record = entry.record { object["record"] = recordJSON(record) }
            object["origin"] = .string((entry.record?.shownOrigin ?? .unknown).rawValue)
            return .object(object)
        }
        return .object([
            "environment": .string(environment),
            "directory": .string(inventory.directory),
            "backups": .array(entries),
            "warning": .string(inventory.freshnessWarning()),
            "manifest_problem": .string(inventory.manifestProblem),
        ])
    }

    /// Encodes `value` as compact JSON with sorted keys.
    public static func render(_ value: JSONValue) -> String {
        let encoder = JSONOutput.encoder()
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func recordJSON(_ record: BackupRecord) -> JSONValue {
        .object([
            "file": .string(record.file), "created": .string(ActionJSON.format(record.created)), "size": .integer(record.size),
            "sha256": .string(record.sha256), "database": .string(record.database),
            "server_version": .string(record.serverVersion), "verified": .bool(record.verified),
            "table_rows": .object(record.tableRows.mapValues { .integer($0) }),
            "dump_bytes": record.dumpBytes.map { .integer($0) } ?? .null,
            "origin": .string(record.shownOrigin.rawValue), "restoring": .string(record.restoring),
        ])
    }

    private static func seconds(_ value: Double) -> String {
        SecondsText.format(value)
    }
}
