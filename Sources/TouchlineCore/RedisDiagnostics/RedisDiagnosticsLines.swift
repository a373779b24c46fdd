import FoundationEssentials

/// The Redis diagnostics as lines of text, section by section, for the view (key `d`), `touchline redis-info`
/// and the incident snapshot's Markdown: the same words everywhere.
///
/// Sections, in order: Slow log, Latency, Clients, Memory doctor, Latency doctor, Keyspace. A section whose
/// command was refused holds only its refusal line. Durations are `SecondsText`'s, sizes `ByteText`'s, times
/// UTC with their age at `now`.
public enum RedisDiagnosticsLines {
    /// The section titles, in order (each line of kind `.heading` starts with one).
    public static let titles = ["Slow log", "Latency", "Clients", "Memory doctor", "Latency doctor", "Keyspace"]

    /// Every line, at most `width` columns wide (long commands are cut; the doctors' words, the notes and refusal lines wrapped).
    public static func lines(_ diagnostics: RedisDiagnostics, width: Int, now: Date) -> [RedisDiagnosticsLine] {
        let width = max(40, width)
        var lines: [RedisDiagnosticsLine] = []
        lines += slowlog(diagnostics, width: width, now: now)
        lines += latency(diagnostics, now: now)
        lines += clients(diagnostics.clients, width: width)
        lines += doctor("Memory doctor · MEMORY DOCTOR", diagnostics.memoryDoctor)
        lines += doctor("Latency doctor · LATENCY DOCTOR", diagnostics.latencyDoctor)
        lines += keyspace(diagnostics.keyspace)
        return lines.flatMap { line -> [RedisDiagnosticsLine] in
            switch line.kind {
            case .problem, .prose, .note: return wrap(line.text, width: width).map { RedisDiagnosticsLine(line.kind, $0) }
            default: return [RedisDiagnosticsLine(line.kind, cut(line.text, to: width))]
            }
        }
    }

    /// The indices of the heading lines in `lines`.
    public static func headings(_ lines: [RedisDiagnosticsLine]) -> [Int] {
        lines.indices.filter { lines[$0].kind == .heading }
    }

    private static func slowlog(_ diagnostics: RedisDiagnostics, width: Int, now: Date) -> [RedisDiagnosticsLine] {
        var heading = "Slow log · SLOWLOG GET \(RedisDiagnostics.slowlogCount)"
        guard let entries = diagnostics.slowlog.value else {
            return [RedisDiagnosticsLine(.heading, heading), problem(diagnostics.slowlog), blank]
        }
        heading += " · \(entries.count) entr\(entries.count == 1 ? "y" : "ies")"
        if diagnostics.slowlogOwnLeftOut > 0 { heading += " (\(diagnostics.slowlogOwnLeftOut) of touchline's own left out)" }
        var lines = [RedisDiagnosticsLine(.heading, heading)]
        if let threshold = diagnostics.setting("slowlog-log-slower-than") {
            let kept = diagnostics.setting("slowlog-max-len").map { ", keeps the last \($0)" } ?? ""
            let what = threshold < 0 ? "logs nothing (slowlog-log-slower-than < 0)"
                : threshold == 0 ? "logs every command (slowlog-log-slower-than 0)"
                : "logs commands slower than \(SecondsText.format(Double(threshold) / 1_000_000))"
            lines.append(RedisDiagnosticsLine(.note, what + kept))
        }
        guard !entries.isEmpty else { return lines + [RedisDiagnosticsLine(.note, "no slow commands logged"), blank] }
        let idWidth = max(2, entries.map { String($0.id).count }.max() ?? 2)
        let clientWidth = min(28, max(6, entries.map { $0.client.count }.max() ?? 6))
        lines.append(RedisDiagnosticsLine(.columns, pad("ID", idWidth) + "  " + pad("WHEN", 21) + "  " + left("DURATION", 9) + "  "
                                          + pad("CLIENT", clientWidth) + "  COMMAND"))
        for entry in entries {
            let command = entry.commandLine()
            lines.append(RedisDiagnosticsLine(.row, left(String(entry.id), idWidth) + "  " + pad(when(entry.time, now: now), 21) + "  "
                                              + left(SecondsText.format(Double(entry.durationMicroseconds) / 1_000_000), 9) + "  "
                                              + pad(cut(entry.client, to: clientWidth), clientWidth) + "  " + command))
        }
        return lines + [blank]
    }

    private static func latency(_ diagnostics: RedisDiagnostics, now: Date) -> [RedisDiagnosticsLine] {
        var lines = [RedisDiagnosticsLine(.heading, "Latency · LATENCY LATEST")]
        guard let events = diagnostics.latency.value else { return lines + [problem(diagnostics.latency), blank] }
        let threshold = diagnostics.setting("latency-monitor-threshold")
        if events.isEmpty {
            let note = threshold == 0
                ? "no spikes recorded: the monitor is off (latency-monitor-threshold 0; CONFIG SET latency-monitor-threshold 100 turns it on)"
                : "no spikes recorded" + (threshold.map { " at or above \($0) ms (latency-monitor-threshold)" } ?? "")
            return lines + [RedisDiagnosticsLine(.note, note), blank]
        }
        if let threshold { lines.append(RedisDiagnosticsLine(.note, "records events of \(threshold) ms or more (latency-monitor-threshold)")) }
        let eventWidth = max(5, events.map(\.event.count).max() ?? 5)
        lines.append(RedisDiagnosticsLine(.columns, pad("EVENT", eventWidth) + "  " + pad("WHEN", 21) + "  " + left("LATEST", 8) + "  " + left("MAX", 8)))
        for event in events {
            lines.append(RedisDiagnosticsLine(.row, pad(event.event, eventWidth) + "  " + pad(when(event.time, now: now), 21) + "  "
                                              + left("\(event.latestMilliseconds) ms", 8) + "  " + left("\(event.maxMilliseconds) ms", 8)))
        }
        return lines + [blank]
    }

    private static func clients(_ section: RedisDiagnosticSection<RedisClientSummary>, width: Int) -> [RedisDiagnosticsLine] {
        guard let summary = section.value else {
            return [RedisDiagnosticsLine(.heading, "Clients · CLIENT LIST"), problem(section), blank]
        }
        let blocked = summary.blocked
        var lines = [RedisDiagnosticsLine(.heading, "Clients · CLIENT LIST · \(summary.total) connected · \(blocked.count) blocked")]
        lines.append(RedisDiagnosticsLine(.row, "by name: " + groups(summary.byName, unnamed: "(no name)")))
        lines.append(RedisDiagnosticsLine(.row, "by address: " + groups(summary.byHost, unnamed: "(unknown)")))
        let header = pad("ID", 6) + "  " + pad("ADDR", 21) + "  " + pad("NAME", 28)
        func identity(_ client: RedisClient) -> String {
            left(String(client.id), 6) + "  " + pad(cut(client.address, to: 21), 21) + "  " + pad(cut(client.name.isEmpty ? "—" : client.name, to: 28), 28)
        }
        lines.append(RedisDiagnosticsLine(.note, "idle longest:"))
        lines.append(RedisDiagnosticsLine(.columns, header + "  " + left("IDLE", 8) + "  " + left("AGE", 8) + "  LAST COMMAND"))
        for client in summary.oldestIdle {
            lines.append(RedisDiagnosticsLine(.row, identity(client) + "  " + left(AgeText.format(Double(client.idle)), 8) + "  "
                                              + left(AgeText.format(Double(client.age)), 8) + "  " + client.command))
        }
        let output = summary.biggestOutput
        if output.isEmpty {
            lines.append(RedisDiagnosticsLine(.note, "output buffers: none holds data (obl and omem 0 for every client)"))
        } else {
            lines.append(RedisDiagnosticsLine(.note, "biggest output buffers:"))
            lines.append(RedisDiagnosticsLine(.columns, header + "  " + left("OBL", 9) + "  " + left("OLL", 6) + "  " + left("OMEM", 10) + "  LAST COMMAND"))
            for client in output {
                lines.append(RedisDiagnosticsLine(.row, identity(client) + "  " + left(ByteText.format(client.outputBufferLength), 9) + "  "
                                                  + left(String(client.outputListLength), 6) + "  "
                                                  + left(ByteText.format(client.outputMemory), 10) + "  " + client.command))
            }
        }
        if blocked.isEmpty {
            lines.append(RedisDiagnosticsLine(.note, "blocked: none (no client has flag b)"))
        } else {
            lines.append(RedisDiagnosticsLine(.note, "blocked (flag b):"))
            lines.append(RedisDiagnosticsLine(.columns, header + "  " + left("IDLE", 8) + "  COMMAND"))
            for client in blocked {
                lines.append(RedisDiagnosticsLine(.row, identity(client) + "  " + left(AgeText.format(Double(client.idle)), 8) + "  " + client.command))
            }
        }
        return lines + [blank]
    }

    private static func doctor(_ title: String, _ section: RedisDiagnosticSection<String>) -> [RedisDiagnosticsLine] {
        guard let text = section.value else { return [RedisDiagnosticsLine(.heading, title), problem(section), blank] }
        var lines = [RedisDiagnosticsLine(.heading, title)]
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lines.append(RedisDiagnosticsLine(.prose, String(line)))
        }
        while lines.last?.text.isEmpty == true { lines.removeLast() }
        return lines + [blank]
    }

    private static func keyspace(_ section: RedisDiagnosticSection<[RedisKeyspaceDatabase]>) -> [RedisDiagnosticsLine] {
        var lines = [RedisDiagnosticsLine(.heading, "Keyspace · INFO keyspace")]
        guard let databases = section.value else { return lines + [problem(section)] }
        guard !databases.isEmpty else { return lines + [RedisDiagnosticsLine(.note, "no keys in any database")] }
        lines.append(RedisDiagnosticsLine(.columns, pad("DB", 5) + "  " + left("KEYS", 12) + "  " + left("EXPIRES", 12) + "  " + left("AVG TTL", 10)))
        for database in databases {
            let ttl = database.averageTTLMilliseconds > 0 ? SecondsText.format(Double(database.averageTTLMilliseconds) / 1000) : "—"
            lines.append(RedisDiagnosticsLine(.row, pad("db\(database.index)", 5) + "  " + left(String(database.keys), 12) + "  "
                                              + left(String(database.expires), 12) + "  " + left(ttl, 10)))
        }
        return lines
    }

    private static let blank = RedisDiagnosticsLine(.note, "")

    private static func problem<Value>(_ section: RedisDiagnosticSection<Value>) -> RedisDiagnosticsLine {
        RedisDiagnosticsLine(.problem, "✖ " + (section.problem ?? "no answer"))
    }

    /// `name ×3, other ×1`, the ten biggest groups, then how many more.
    private static func groups(_ groups: [RedisClientSummary.Group], unnamed: String) -> String {
        var parts = groups.prefix(10).map { "\($0.key.isEmpty ? unnamed : $0.key) ×\($0.count)" }
        if groups.count > 10 { parts.append("\(groups.count - 10) more") }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }

    /// The UTC time of day and the age: `04:40:53 (3m ago)`, at most 21 columns for an age under 100 days.
    private static func when(_ unixTime: Int64, now: Date) -> String {
        let date = Date(timeIntervalSince1970: Double(unixTime))
        let clock = String(UTCTimestamp.format(date).dropFirst(11).prefix(8))
        return "\(clock) (\(AgeText.format(now.timeIntervalSince(date))) ago)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    private static func cut(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// Words of `text` in lines of at most `width` characters (a longer word is cut across lines); leading
    /// spaces (Redis indents its lists) are kept on the first line.
    private static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        let indent = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            var word = Substring(word)
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            while indent.count + word.count > width {
                lines.append(indent + word.prefix(width - indent.count))
                word = word.dropFirst(width - indent.count)
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines
    }
}
