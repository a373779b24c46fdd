import FoundationEssentials
import TouchlineCore

/// The numbers a metrics pane shows for a probe, and whether they are current or last known.
struct ProbeMetricsSource {
    /// The metrics of the newest sample that had some.
    var metrics: ProbeMetrics
    /// When that sample was taken.
    var time: Date

    /// The newest metrics of `probe`, nil when no sample carried any.
    init?(_ probe: ProbeState) {
        guard let sample = probe.window.retained.last(where: { $0.metrics != .none }) else { return nil }
        metrics = sample.metrics
        time = sample.time
    }

    /// The line that explains why the values below are dimmed, nil when they are current:
    /// `✖ down: connection refused · last known values, 2m old`.
    static func problemLine(_ probe: ProbeState, metricsTime: Date?, now: Date) -> MetricLine? {
        guard let latest = probe.latest else { return nil }
        let stale = probe.window.isStale(now: now, interval: probe.config.interval)
        guard latest.status == .down || stale else { return nil }
        var fields: [Field] = []
        if latest.status == .down {
            fields.append(Field([Span(StatusGlyph.glyph(.down) + " down: " + TextFit.singleLine(latest.error ?? "no answer"),
                                      .critical)]))
        } else {
            fields.append(Field([Span("stale: no sample for \(Format.age(now.timeIntervalSince(latest.time)))", .stale)]))
        }
        if let metricsTime {
            fields.append(Field([Span("last known values, \(Format.age(now.timeIntervalSince(metricsTime))) old", .dim)]))
        }
        return .notice(fields)
    }
}
