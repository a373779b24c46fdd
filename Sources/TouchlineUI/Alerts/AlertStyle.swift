import TouchlineCore

/// How a severity is shown: critical as `critical`, warning and unknown as `warn`, info as `dim`.
enum AlertStyle {
    /// The role of `severity`.
    static func role(_ severity: AlertSeverity) -> StyleRole {
        switch severity {
        case .critical: return .critical
        case .warning, .unknown: return .warn
        case .info: return .dim
        }
    }

    /// The header's item: `▲ 1 critical 2 warning`, `alerts ?` when the source cannot be read, nil when there
    /// is nothing to say (no source, nothing firing).
    static func headerSpans(_ alerting: AlertingState, configured: Bool) -> [Span]? {
        guard configured, alerting.polled else { return nil }
        if alerting.error != nil { return [Span("alerts ?", .warn)] }
        let counts = alerting.counts
        guard !counts.isEmpty else { return nil }
        var spans = [Span("ALERTS", .dim)]
        for severity in AlertSeverity.allCases {
            guard let count = counts[severity] else { continue }
            spans.append(Span(" \(count) \(severity.rawValue)", role(severity)))
        }
        return spans
    }
}
