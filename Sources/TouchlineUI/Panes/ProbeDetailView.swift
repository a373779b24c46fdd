import FoundationEssentials
import TouchlineCore

/// The detail view of one probe (Enter on a Services row; Esc goes back), as k9s's describe or a
/// Gatus endpoint page: its target (password redacted), its status rule, availability and
/// p50/p95/p99 over 1 and 5 minutes, the full last error, for http the response's status line, the
/// timing phases (curl's names) of the last sample with their p50/p95 over 5 minutes, the certificate,
/// the response headers and the first 2 KiB of the body, then the last 60 samples. Long values wrap;
/// the view scrolls (↑/↓, PgUp/PgDn, Home).
enum ProbeDetailView {
    /// How many samples the table lists, newest first.
    static let sampleRows = 60

    /// Draws the view of `probe` over `rect` (the dashboard's body).
    static func draw(_ probe: ProbeState, state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        buffer.fill(rect, role: .text)
        buffer.drawBox(rect, style: .heavy, role: .borderFocused)
        let title = [Span("Service · ", .title), Span(probe.config.name, .title), Span(" · \(probe.config.kind.rawValue)", .dim)]
        buffer.writeOnBorder(title, of: rect, bottom: false, alignment: .left, role: .borderFocused)
        buffer.writeOnBorder([Span(StatusStyle.label(probe.status), StatusStyle.role(probe.status))], of: rect, bottom: false,
                             alignment: .right, role: .borderFocused)
        let content = rect.inset(by: 1).inset(horizontal: 1, vertical: 0)
        guard !content.isEmpty else { return }
        let rows = lines(probe, state: state, width: content.width)
        let scroll = max(0, min(state.detailScroll, rows.count - content.height))
        for (offset, row) in rows.dropFirst(scroll).prefix(content.height).enumerated() {
            buffer.write(row, x: content.x, y: content.y + offset, maxWidth: content.width)
        }
        var note = [Span("Esc back", .dim)]
        if scroll > 0 { note.append(Span(" · ↑ \(scroll) above", .dim)) }
        let below = rows.count - scroll - content.height
        if below > 0 { note.append(Span(" · ↓ \(below) more (↓/PgDn)", .dim)) }
        buffer.writeOnBorder(note, of: rect, bottom: true, alignment: .right, role: .borderFocused)
    }

    /// Every row of the view for a content `width` wide.
    static func lines(_ probe: ProbeState, state: DashboardState, width: Int) -> [[Span]] {
        var rows = DetailRows(width: width)
        let config = probe.config
        rows.field("target", config.target.displayTarget)
        rows.field("polls", "every \(DurationText.format(config.interval)), timeout \(DurationText.format(config.timeout))")
        rows.field("status rule", rule(config))
        var now = StatusStyle.label(probe.status)
        if let since = probe.troubleSince { now += " since \(Format.clock(since))" }
        if let pending = probe.pendingText { now += " · \(pending)" }
        rows.field("status", now, role: StatusStyle.role(probe.status))
        if let error = probe.window.retained.last(where: { $0.error != nil }) {
            rows.field("last error", "\(Format.clock(error.time)) \(error.error ?? "")", role: .critical)
        }
        rows.blank()
        rows.heading("window      avail    errors  p50      p95      p99      samples")
        for (label, seconds) in [("1m", 60.0), ("5m", 300.0)] {
            let stats = probe.window.stats(over: seconds, now: state.now)
            let cells = [label, stats.availability.map { Format.percent($0, digits: 2) } ?? "—",
                         stats.errorRate.map { Format.percent($0, digits: 2) } ?? "—",
                         latency(stats.p50, atLeast: stats.p50IsLowerBound), latency(stats.p95, atLeast: stats.p95IsLowerBound),
                         latency(stats.p99, atLeast: stats.p99IsLowerBound), "\(stats.count)"]
            rows.plain(zip(cells, [12, 9, 8, 9, 9, 9, 7]).map { TextFit.pad($0.0, to: $0.1) }.joined())
        }
        if config.kind == .http { http(probe, state: state, into: &rows) }
        if case .prometheus(let target) = config.target { PrometheusDetail.append(probe, target: target, into: &rows) }
        rows.blank()
        rows.heading("last \(sampleRows) samples, newest first")
        rows.heading("time      status      latency   error")
        for sample in probe.window.retained.suffix(sampleRows).reversed() {
            let latencyText = sample.latencyText ?? "—"
            let prefix = "\(Format.clock(sample.time))  \(TextFit.pad(StatusStyle.label(sample.status), to: 10))  \(TextFit.pad(latencyText, to: 8, alignment: .right))  "
            rows.wrapped(prefix, sample.error ?? "", role: StatusStyle.role(sample.status))
        }
        return rows.rows
    }

    /// The probe's status rule in words: thresholds and the warnings that apply to its kind.
    private static func rule(_ config: ProbeConfig) -> String {
        let failure = config.failureThreshold, success = config.successThreshold
        var parts = ["down on the first failing poll",
                     "degraded after \(failure) degraded \(CountText.noun(failure, "poll")) in a row (failure_threshold)",
                     "back up after \(success) good \(CountText.noun(success, "poll")) (success_threshold; at once after down)"]
        if let warn = config.latencyWarn { parts.append("degraded over \(LatencyText.format(warn)) (latency_warn)") }
        switch config.target {
        case .postgres:
            parts.append("degraded with a transaction idle over \(DurationText.format(config.idleInTransactionWarn)) (idle_in_transaction_warn)")
        case .http(let target):
            if target.isHTTPS {
                parts.append("degraded when the certificate expires within \(days(target.tls.expiryWarn)) (cert_expiry_warn)")
            }
            parts.append(target.expectStatus.isEmpty ? "expects HTTP 2xx" : "expects HTTP \(target.expectStatus.map(String.init).joined(separator: ", "))")
        default:
            break
        }
        return parts.joined(separator: "; ")
    }

    /// The http part: status line, phases, certificate, headers, body.
    private static func http(_ probe: ProbeState, state: DashboardState, into rows: inout DetailRows) {
        let snapshot = probe.window.retained.reversed().lazy.compactMap { sample -> HTTPSnapshot? in
            if case .http(let snapshot) = sample.metrics { return snapshot }
            return nil
        }.first
        rows.blank()
        rows.field("response", probe.lastResponse?.statusLine ?? snapshot.map { "HTTP \($0.statusCode)" } ?? "none yet")
        if let snapshot, let tls = snapshot.tlsVersion { rows.field("tls", tls + (snapshot.insecure ? " (insecure: not verified)" : "")) }
        let recent = probe.window.recent(300, now: state.now).compactMap { sample -> HTTPTimings? in
            if case .http(let snapshot) = sample.metrics { return snapshot.timings }
            return nil
        }
        if let timings = snapshot?.timings {
            rows.blank()
            rows.heading("phase (curl)        last      p50 5m    p95 5m")
            let history = recent.map(\.named)
            for (index, phase) in timings.named.enumerated() {
                let values = history.map { $0[index].seconds }
                let cells = [phase.name, LatencyText.format(phase.seconds),
                             Percentiles.value(50, of: values).map { LatencyText.format($0) } ?? "—",
                             Percentiles.value(95, of: values).map { LatencyText.format($0) } ?? "—"]
                rows.plain(zip(cells, [20, 10, 10, 10]).map { TextFit.pad($0.0, to: $0.1) }.joined())
            }
        }
        if let certificate = snapshot?.certificate {
            rows.blank()
            rows.field("cert subject", certificate.subject)
            rows.field("cert issuer", certificate.issuer)
            let days = certificate.daysLeft(at: state.now)
            rows.field("not after", "\(certificate.notAfterDay) (\(days) day\(days == 1 ? "" : "s") left)",
                       role: days < 0 ? .critical : .text)
            if !certificate.names.isEmpty { rows.field("names", certificate.names.joined(separator: ", ")) }
        }
        guard let response = probe.lastResponse else { return }
        rows.blank()
        rows.heading("response headers")
        for line in response.headerLines { rows.wrapped("  ", line, role: .text) }
        if response.headersTruncated { rows.plain("  … more headers (over \(HTTPResponseCapture.headerLimit / 1024) KiB)", role: .dim) }
        rows.blank()
        let shown = response.bodyBytes > HTTPResponseCapture.bodyLimit ? "first \(HTTPResponseCapture.bodyLimit / 1024) KiB of " : ""
        rows.heading("body (\(shown)" + CountText.format(response.bodyBytes, "byte") + ")")
        for line in response.bodyPrefix.split(separator: "\n", omittingEmptySubsequences: false) {
            rows.wrapped("  ", String(line), role: .text)
        }
    }

    /// A duration of whole days as `14d`, anything else as ``DurationText``.
    private static func days(_ seconds: Double) -> String {
        seconds >= 86400 && seconds.truncatingRemainder(dividingBy: 86400) == 0 ? "\(Int(clampingFinite: seconds / 86400))d" : DurationText.format(seconds)
    }

    private static func latency(_ value: Double?, atLeast: Bool) -> String {
        value.map { LatencyText.format($0, atLeast: atLeast, compact: true) } ?? "—"
    }
}
