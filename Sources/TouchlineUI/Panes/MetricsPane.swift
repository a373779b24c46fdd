import TouchlineCore

/// The frame shared by the Database and Redis panes: a probe's numbers as metric lines, its problem on
/// top, the last known numbers dimmed while it is down, and a clear word when there is no such probe.
enum MetricsPane {
    /// Draws `pane` for `probe` into `rect`; `lines` turns the probe's metrics into lines, or nil when
    /// they are not of the pane's kind.
    static func draw(_ pane: Pane, probe: ProbeState?, kind: ProbeKind, state: DashboardState, in rect: Rect,
                     focused: Bool, into buffer: inout CellBuffer, lines: (ProbeMetrics) -> [MetricLine]?) {
        guard let probe else {
            let content = PaneFrame.draw(pane, in: rect, focused: focused, into: &buffer)
            PaneFrame.centeredMessage("no \(kind.rawValue) probe in \(state.environment.label)", role: .dim, in: content, into: &buffer)
            return
        }
        let content = PaneFrame.draw(pane, in: rect, focused: focused, tag: PaneFrame.probeTag(probe), into: &buffer)
        let source = ProbeMetricsSource(probe)
        var shown: [MetricLine] = []
        let problem = ProbeMetricsSource.problemLine(probe, metricsTime: source?.time, now: state.now)
        if let problem { shown.append(problem) }
        guard let source, let metricLines = lines(source.metrics) else {
            if problem == nil {
                let text = probe.latest == nil ? "waiting for the first poll…" : (probe.latest?.error ?? "no numbers yet")
                shown.append(.notice([Field([Span(text, probe.latest == nil ? .dim : StatusStyle.role(probe.status))])]))
            }
            MetricList.draw(shown, in: content, dimmed: false, into: &buffer)
            return
        }
        shown += metricLines
        MetricList.draw(shown, in: content, dimmed: problem != nil, into: &buffer)
    }
}
