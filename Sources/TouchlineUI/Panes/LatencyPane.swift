import FoundationEssentials
import Glibc
import TouchlineCore

/// The API latency pane: the main http probe's latency history as a graph, and p50/p95/p99, average,
/// error rate and availability over 1 and 5 minutes, each coloured against the platform's targets.
enum LatencyPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        guard let probe = state.mainHTTPProbe else {
            let content = PaneFrame.draw(.latency, in: rect, focused: focused, into: &buffer)
            PaneFrame.centeredMessage("no http probe in \(state.environment.label)", role: .dim, in: content, into: &buffer)
            return
        }
        let content = PaneFrame.draw(.latency, in: rect, focused: focused, tag: PaneFrame.probeTag(probe), into: &buffer)
        guard !content.isEmpty else { return }
        guard probe.latest != nil else {
            PaneFrame.centeredMessage("waiting for the first check of \(probe.config.name)…", role: .dim, in: content, into: &buffer)
            return
        }
        let statsHeight = min(3, content.height)
        let (graphArea, statsArea) = content.splitTop(content.height - statsHeight)
        if graphArea.height >= 4 {
            let (plot, axis) = graphArea.splitTop(graphArea.height - 1)
            drawGraph(probe, now: state.now, in: plot, timeAxis: axis, into: &buffer)
        } else if graphArea.height >= 1 {
            drawGraph(probe, now: state.now, in: graphArea, timeAxis: nil, into: &buffer)
        }
        LatencyStatsTable.draw(probe.window, now: state.now, thresholds: state.thresholds, in: statsArea, into: &buffer)
        let note = footnote(probe, now: state.now)
        if !note.isEmpty { PaneFrame.bottomNote(note, in: rect, focused: focused, into: &buffer) }
    }

    /// What the figures rest on, for the bottom border: `≥ timed out at 2s` when checks that ran out of
    /// their deadline count as lower bounds, `┊ not polled 2m 10s` when the 5-minute window has a stretch
    /// without polling (another environment was shown).
    static func footnote(_ probe: ProbeState, now: Date) -> [Span] {
        let stats = probe.window.stats(over: 300, now: now)
        var spans: [Span] = []
        if stats.timedOut > 0 {
            spans.append(Span("\(LatencyText.atLeastMarker) timed out at \(DurationText.format(probe.config.timeout))", .critical))
        }
        if stats.unpolledSeconds >= 1 {
            if !spans.isEmpty { spans.append(Span(" · ", .dim)) }
            spans.append(Span("\(Sparkline.gapMarker) not polled \(StatusEpisode.duration(stats.unpolledSeconds))", .dim))
        }
        return spans
    }

    /// How many labelled steps the scale gets: quarters of 1 and 2 based scales, fifths of 2.5 and 5 based
    /// ones (so every label is a round number), halves or just the top when there are few rows.
    static func gridSteps(scale: Double, rows: Int) -> Int {
        guard scale.isFinite, scale > 0 else { return rows >= 5 ? 2 : 1 }
        let leading = scale / pow(10, floor(log10(scale)))
        let fine = leading > 2.01 ? 5 : 4
        if rows >= 2 * fine + 1 { return fine }
        return rows >= 5 ? 2 : 1
    }

    /// The graph with its scale on the left (top value, quarters or half when there is room, 0) and dotted
    /// grid lines at the labelled values; the time axis below says how far back the left edge is.
    private static func drawGraph(_ probe: ProbeState, now: Date, in rect: Rect, timeAxis: Rect?,
                                  into buffer: inout CellBuffer) {
        let scaleWidth = 7
        let plot = Rect(x: rect.x + scaleWidth + 2, y: rect.y, width: rect.width - scaleWidth - 2, height: rect.height)
        guard plot.width > 0 else { return }
        let sample = probe.recentPoints(plot.width)
        let scale = LineGraph.niceCeiling(sample.compactMap(\.latency).max() ?? 0)
        let steps = gridSteps(scale: scale, rows: rect.height)
        var labels: [Int: String] = [rect.height - 1: "0 ms"]
        for step in 1...steps {
            let row = rect.height - 1 - Int((Double(rect.height) * Double(step) / Double(steps)).rounded()) + 1
            labels[max(0, row)] = LatencyText.format(scale * Double(step) / Double(steps))
        }
        for row in 0..<rect.height {
            let y = rect.y + row
            if let label = labels[row] {
                buffer.write(label, in: Rect(x: rect.x, y: y, width: scaleWidth, height: 1), role: .dim, alignment: .right)
                buffer.put("┤", x: rect.x + scaleWidth + 1, y: y, role: .border)
                if row < rect.height - 1 && rect.height >= 5 { buffer.fill(Rect(x: plot.x, y: y, width: plot.width, height: 1), with: "┈", role: .border) }
            } else {
                buffer.put("│", x: rect.x + scaleWidth + 1, y: y, role: .border)
            }
        }
        LineGraph.draw(points: sample, in: plot, maximum: scale, role: .graph, failureRole: .critical, into: &buffer)
        guard let timeAxis, !timeAxis.isEmpty, let oldest = probe.window.retained.suffix(sample.filter { $0 != .gap }.count).first else { return }
        let ago = Format.uptime(now.timeIntervalSince(oldest.time)) + " ago"
        let start = plot.maxX - sample.count
        buffer.write("now", in: Rect(x: plot.x, y: timeAxis.y, width: plot.width, height: 1), role: .dim, alignment: .right)
        // `◂ ` + ago, at least one blank column, then `now`: the two labels never run into each other.
        if start + 2 + DisplayWidth.of(ago) + 1 + 3 <= plot.maxX {
            buffer.write("◂ " + ago, x: start, y: timeAxis.y, role: .dim)
        }
    }
}
