import FoundationEssentials

/// The readable summary of an ``IncidentSnapshot``: the panes as tables, the events and the actions;
/// the samples themselves are in the JSON file beside it.
public enum IncidentSnapshotMarkdown {
    /// How many events and actions the summary lists (the JSON has them all).
    public static let listLimit = 50

    /// The Markdown text.
    public static func text(_ snapshot: IncidentSnapshot) -> String {
        var lines = [
            "# Incident snapshot: \(snapshot.environment.label) (\(snapshot.environment.name))",
            "",
            "Taken \(ActionJSON.format(snapshot.takenAt)) by \(snapshot.source)\(snapshot.paused ? " (data paused)" : ""). "
                + "Overall status: **\(snapshot.status.rawValue.uppercased())**.",
            "",
            "## Services",
            "",
        ]
        lines += TextTable.markdown(header: ["probe", "kind", "status", "latency", "p50 1m", "p95 1m", "p99 1m", "p95 5m",
                                             "availability 5m", "samples 10m", "detail"],
                                    rows: snapshot.probes.map { serviceRow(snapshot, $0) },
                                    alignments: [.left, .left, .left] + Array(repeating: .right, count: 7) + [.left])
        lines += notes(snapshot)
        lines += metricsSection(snapshot)
        lines += ["", "## Events (newest first)", ""]
        if snapshot.events.isEmpty {
            lines.append("No events.")
        } else {
            lines += TextTable.markdown(header: ["time", "status", "message"], rows: snapshot.events.prefix(listLimit).map { event in
                [ActionJSON.format(event.time), event.status?.rawValue ?? "", cell(event.message)]
            })
        }
        lines += ["", "## Recent actions (audit log)", ""]
        lines += snapshot.lockHolders.isEmpty ? ["Action lock: free.", ""] : snapshot.lockHolders.map { "Action lock: \(cell($0))." } + [""]
        if snapshot.actions.isEmpty {
            lines.append("No actions recorded.")
        } else {
            let rows = snapshot.actions.prefix(listLimit).map { record -> [String] in
                let what = ([record.action] + (record.target.map { [$0] } ?? [])).joined(separator: " ")
                let duration = record.durationSeconds.map(SecondsText.format) ?? ""
                let interrupted = record.phase == .start && snapshot.interruptedActions.contains(record.id)
                return [ActionJSON.format(record.time), record.phase.rawValue, cell(what),
                        record.outcome?.rawValue ?? (interrupted ? "interrupted" : ""),
                        cell("\(record.user)@\(record.host)"), duration, cell(record.error ?? "")]
            }
            lines += TextTable.markdown(header: ["time", "phase", "action", "outcome", "who", "duration", "error"], rows: rows,
                                        alignments: [.left, .left, .left, .left, .left, .right, .left])
        }
        lines += ["", "## Backups", ""]
        if let warning = snapshot.backupWarning { lines += ["**\(warning)**", ""] }
        if snapshot.backups.isEmpty {
            lines.append("None listed.")
        } else {
            lines += TextTable.markdown(header: ["file", "created", "size", "state"], rows: snapshot.backups.prefix(listLimit).map { row in
                [cell(row.file), ActionJSON.format(row.created), ByteText.format(row.size), row.state]
            }, alignments: [.left, .left, .right, .left])
        }
        lines += snapshot.sessions.flatMap(\.markdown)
        lines += redisDiagnostics(snapshot)
        for excerpt in snapshot.logs {
            lines += ["", "## Log: \(excerpt.service) (last \(excerpt.lines.count) lines)", "", "`\(excerpt.source)`", ""]
            if let error = excerpt.error { lines += ["**\(error)**", ""] }
            lines += ["~~~text"] + excerpt.lines.map { $0.replacing("~~~", with: "~ ~ ~") } + ["~~~"]
        }
        lines += snapshot.alerting?.markdown ?? []
        let total = snapshot.probes.reduce(0) { $0 + snapshot.samples(of: $1).count }
        lines += ["", "Every probe's samples of the last \(Int(IncidentSnapshot.sampleSpan / 60)) minutes (\(total) in all) "
                  + "are in the JSON file beside this one.", ""]
        return lines.joined(separator: "\n")
    }

    /// Each redis probe's diagnostics as the view shows them (slow log, latency, clients, the doctors' words,
    /// keyspace), in a fenced block so the columns stay aligned.
    private static func redisDiagnostics(_ snapshot: IncidentSnapshot) -> [String] {
        snapshot.redisDiagnostics.flatMap { outcome -> [String] in
            var lines = ["", "## Redis diagnostics: \(outcome.probe) (\(outcome.address))", ""]
            guard let diagnostics = outcome.diagnostics else { return lines + ["Not read: \(outcome.error ?? "no answer")."] }
            lines.append("```")
            lines += RedisDiagnosticsLines.lines(diagnostics, width: 120, now: snapshot.takenAt).map(\.text)
            return lines + ["```"]
        }
    }

    private static func serviceRow(_ snapshot: IncidentSnapshot, _ probe: ProbeState) -> [String] {
        let minute = probe.window.stats(over: 60, now: snapshot.takenAt)
        let five = probe.window.stats(over: 300, now: snapshot.takenAt)
        let latency = probe.latest?.latencyText ?? "—"
        let availability = five.availability.map { DecimalText.fixed($0 * 100, digits: 1) + " %" } ?? "—"
        let detail = probe.latest.map(SampleSummary.detail) ?? "not polled"
        return [cell(probe.config.name), probe.config.kind.rawValue, probe.status.rawValue, latency,
                ms(minute.p50, minute.p50IsLowerBound), ms(minute.p95, minute.p95IsLowerBound),
                ms(minute.p99, minute.p99IsLowerBound), ms(five.p95, five.p95IsLowerBound), availability,
                String(snapshot.samples(of: probe).count), cell(detail)]
    }

    private static func metricsSection(_ snapshot: IncidentSnapshot) -> [String] {
        var lines: [String] = []
        for probe in snapshot.probes {
            guard let metrics = probe.lastMetrics else { continue }
            if case .http(let http) = metrics, let certificate = http.certificate {
                lines += ["", "## Certificate: \(probe.config.name)", ""]
                lines += TextTable.markdown(header: ["field", "value"], rows: [
                    ["subject", cell(certificate.subject)], ["issuer", cell(certificate.issuer)],
                    ["not_after", UTCTimestamp.format(certificate.notAfter)],
                    ["days_left", String(certificate.daysLeft(at: snapshot.takenAt))],
                ])
                continue
            }
            let fields = MetricsJSON.object(for: metrics).sorted { $0.key < $1.key }
            guard !fields.isEmpty, probe.config.kind == .postgres || probe.config.kind == .redis else { continue }
            lines += ["", "## \(probe.config.kind == .postgres ? "Database" : "Redis"): \(probe.config.name)", ""]
            lines += TextTable.markdown(header: ["metric", "value"], rows: fields.map { [$0.key, cell(text($0.value))] })
        }
        return lines
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "—"
        case .bool(let flag): return String(flag)
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : DecimalText.significant(number, digits: 4)
        case .integer(let number): return String(number)
        case .string(let string): return string
        case .array, .object: return "…"
        }
    }

    private static func ms(_ seconds: Double?, _ atLeast: Bool) -> String {
        seconds.map { LatencyText.format($0, atLeast: atLeast) } ?? "—"
    }

    /// What the figures of the Services table rest on: checks that ran out of their deadline (counted at
    /// their timeout, so `≥` figures are lower bounds) and stretches without polling.
    private static func notes(_ snapshot: IncidentSnapshot) -> [String] {
        var notes: [String] = []
        let start = snapshot.takenAt.addingTimeInterval(-IncidentSnapshot.sampleSpan)
        for probe in snapshot.probes {
            let timedOut = snapshot.samples(of: probe).filter(\.timedOut).count
            if timedOut > 0 {
                notes.append("- \(probe.config.name): \(CountText.format(timedOut, "check")) ran out of the "
                             + "\(DurationText.format(probe.config.timeout)) timeout; they count as at least that in the percentiles (≥).")
            }
            for span in snapshot.unpolledSpans(of: probe) {
                let seconds = span.seconds(between: start, and: snapshot.takenAt)
                notes.append("- \(probe.config.name): not polled from \(ActionJSON.format(span.from)) to "
                             + "\(span.to.map(ActionJSON.format) ?? "now") (\(StatusEpisode.duration(seconds)) while another environment was shown); no samples stand for that time.")
            }
        }
        return notes.isEmpty ? [] : [""] + notes
    }

    /// `text` safe inside a table cell: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
