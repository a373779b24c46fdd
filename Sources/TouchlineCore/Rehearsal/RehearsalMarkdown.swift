import FoundationEssentials

/// The Markdown form of a ``RehearsalReport``: the environment and releases, a table of the steps with
/// start times, durations and results, then the load-test, release-switch, backup and row-count figures,
/// and the output tail of what failed.
public enum RehearsalMarkdown {
    /// The whole report.
    public static func render(_ report: RehearsalReport) -> String {
        var lines = ["# Deployment rehearsal: \(report.environment) (\(report.label))", ""]
        let result = report.passed ? "PASSED" : (report.refusal != nil ? "REFUSED" : (report.cancellation != nil ? "CANCELLED" : "FAILED"))
        lines.append("**Result: \(result)** — \(cell(report.verdict))")
        lines.append("")
        if let cancellation = report.cancellation { lines.append("- Cancelled: \(cancellation)") }
        if let stateLeft = report.stateLeft { lines.append("- State left: \(stateLeft)") }
        lines.append("- Started: \(ActionJSON.format(report.startedAt))")
        lines.append("- Duration: \(SecondsText.format(report.duration))")
        lines.append("- Release before the deploy (reported by the probe): \(report.originalRelease ?? "not measured")")
        lines.append("- Release rehearsed: \(report.targetRelease ?? "not chosen")")
        lines.append("- Every figure below was measured during this run; a figure that was not measured is absent.")
        lines += ["", "## Steps", ""]
        let steps = report.steps.map { record -> [String] in
            let started = record.startedAt.map { String(ActionJSON.format($0).dropFirst(11).prefix(12)) } ?? "—"
            let duration = record.duration.map(SecondsText.format) ?? "—"
            return [String(record.step.number), cell(record.step.title), started, duration, record.state.rawValue, cell(record.summary)]
        }
        lines += TextTable.markdown(header: ["#", "Step", "Started", "Duration", "Result", "Figures"], rows: steps,
                                    alignments: [.right, .left, .left, .right, .left, .left])
        lines += loadSection(report.load) + switchesSection(report.switches) + backupSection(report)
        lines += rowCountSection(report.rowCounts) + (report.alerting?.markdown ?? []) + detailSection(report.steps)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func loadSection(_ load: LoadTestResult?) -> [String] {
        guard let load else { return [] }
        let sender = load.generator.map { "Sent by \($0): \(load.concurrency) kept-alive connections, requests back to back." }
            ?? "Sent by touchline's own HTTP/1.1 client: \(load.concurrency) workers, one kept-alive connection each, requests back to back."
        var lines = ["", "## Load test", "", sender, ""]
        let format = { (value: Double?) in value.map(LatencyText.format) ?? "n/a" }
        lines += TextTable.markdown(header: ["Figure", "Value", "Threshold"], rows: [
            ["Requests", String(load.requests), ""],
            ["Duration", SecondsText.format(load.wallSeconds), ""],
            ["Throughput", DecimalText.fixed(load.throughput, digits: 1) + " req/s", ""],
            ["p50 latency", format(load.p50), ""],
            ["p95 latency", format(load.p95), "< \(LatencyText.format(load.maxP95))"],
            ["p99 latency", format(load.p99), ""],
            ["Slowest", format(load.max), ""],
            ["Errors", "\(load.errors) (\(DecimalText.fixed(load.errorRate * 100, digits: 2)) %)", "< \(DecimalText.fixed(load.maxErrorRate * 100, digits: 2)) %"],
        ])
        if !load.errorKinds.isEmpty { lines += ["", "Errors: " + load.errorKinds.joined(separator: "; ")] }
        if let breach = load.breach { lines += ["", "Threshold breached: \(breach)"] }
        return lines
    }

    private static func switchesSection(_ switches: [RollbackMeasurement]) -> [String] {
        guard !switches.isEmpty else { return [] }
        var lines = ["", "## Release switches", ""]
        lines += TextTable.markdown(header: ["Switch", "From", "To", "Reached", "Downtime", "Total"], rows: switches.map { item in
            [cell(item.kind), cell(item.from ?? "?"), cell(item.to), item.succeeded ? "yes" : "no",
             item.downtime.map(SecondsText.format) ?? "—", SecondsText.format(item.total)]
        }, alignments: [.left, .left, .left, .left, .right, .right])
        lines += ["", "Downtime: how long the probe (polled every 100 ms) did not answer up while the release changed."]
        return lines
    }

    private static func backupSection(_ report: RehearsalReport) -> [String] {
        guard let backup = report.backup else { return [] }
        var lines = ["", "## Backup", ""]
        lines.append("- File: \(report.backupPath ?? backup.file)")
        lines.append("- Size: \(ByteText.format(backup.size)) (\(backup.size) bytes)")
        lines.append("- SHA-256: \(backup.sha256)")
        lines.append("- Verified (gzip integrity and completion trailer): \(backup.verified ? "yes" : "no")")
        lines.append("- Server: PostgreSQL \(backup.serverVersion), database \(backup.database)")
        if let seconds = backup.durationSeconds { lines.append("- Took: \(SecondsText.format(seconds))") }
        let rows = backup.tableRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("- Rows in the dump's snapshot: \(rows.joined(separator: ", "))")
        return lines
    }

    private static func rowCountSection(_ checks: [RowCountCheck]) -> [String] {
        guard !checks.isEmpty else { return [] }
        var lines = ["", "## Row counts after the restore", ""]
        lines += TextTable.markdown(header: ["Table", "Backup", "Now", "Match"], rows: checks.map { check in
            [cell(check.table), String(check.expected), check.found.map(String.init) ?? "missing", check.matches ? "yes" : "NO"]
        }, alignments: [.left, .right, .right, .left])
        return lines
    }

    private static func detailSection(_ steps: [RehearsalStepRecord]) -> [String] {
        var lines = ["", "## Step details"]
        for record in steps where !record.figures.isEmpty || !record.notes.isEmpty || record.outputTail != nil {
            lines += ["", "### \(record.step.number). \(record.step.title) — \(record.state.rawValue)", ""]
            lines += record.figures.map { "- \($0.label): \($0.text)" }
            lines += record.notes.map { "- \($0)" }
            if let tail = record.outputTail, !tail.isEmpty { lines += ["", "Output tail:", "", "```", tail, "```"] }
        }
        return lines
    }

    /// Text fit for one table cell: pipes escaped, newlines folded.
    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
