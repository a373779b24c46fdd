import FoundationEssentials
import TouchlineCore

/// The statistics table under the latency graph: a row per window (1m, 5m), columns dropped from the
/// least important (availability, p99, average) when the pane is narrow.
enum LatencyStatsTable {
    /// One column of the table.
    enum Column: CaseIterable {
        /// Percentiles, mean, share of failed samples, share of answered samples.
        case p50, p95, p99, average, errors, availability

        /// The heading.
        var heading: String {
            switch self {
            case .p50: return "p50"
            case .p95: return "p95"
            case .p99: return "p99"
            case .average: return "avg"
            case .errors: return "errors"
            case .availability: return "avail"
            }
        }

        /// 0 is kept longest when columns must be dropped.
        var priority: Int {
            switch self {
            case .p95: return 0
            case .p50: return 1
            case .errors: return 2
            case .average: return 3
            case .p99: return 4
            case .availability: return 5
            }
        }

        /// The cell text and its role for `stats` against `limits`.
        func value(_ stats: WindowStats, _ limits: LatencyThresholds) -> (String, StyleRole) {
            switch self {
            case .p50: return latency(stats.p50, stats.p50IsLowerBound, limit: limits.p95, over: .critical)
            case .p95: return latency(stats.p95, stats.p95IsLowerBound, limit: limits.p95, over: .critical)
            case .p99: return latency(stats.p99, stats.p99IsLowerBound, limit: limits.p95, over: .warn)
            case .average: return latency(stats.average, stats.averageIsLowerBound, limit: limits.average, over: .critical)
            case .errors:
                guard let rate = stats.errorRate else { return ("—", .dim) }
                return (Format.percent(rate), rate >= limits.errorRate ? .critical : (rate > 0 ? .warn : .ok))
            case .availability:
                guard let availability = stats.availability else { return ("—", .dim) }
                let role: StyleRole = 1 - availability >= limits.errorRate ? .critical : (availability < 1 ? .warn : .ok)
                return (Format.percent(availability, digits: 2), role)
            }
        }

        /// `≥2.0 s` when the figure is only a lower bound (checks that ran out of their deadline reach it).
        private func latency(_ value: Double?, _ atLeast: Bool, limit: Double, over: StyleRole) -> (String, StyleRole) {
            guard let value else { return ("—", .dim) }
            return (LatencyText.format(value, atLeast: atLeast, compact: true), value > limit || atLeast ? over : .ok)
        }
    }

    /// Columns per value (its right-aligned text and the gap before it) for a table `width` wide.
    static func columnWidth(_ width: Int) -> Int { width < 60 ? 8 : 9 }
    /// The windows, one row each.
    static let windows: [(label: String, seconds: Double)] = [("1m", 60), ("5m", 300)]

    /// The columns that fit in `width`, in display order.
    static func columns(fitting width: Int) -> [Column] {
        let count = max(0, (width - 3) / columnWidth(width))
        let kept = Set(Column.allCases.sorted { $0.priority < $1.priority }.prefix(count))
        return Column.allCases.filter(kept.contains)
    }

    /// Draws the heading row and one row per window into `rect` (as many rows as fit).
    static func draw(_ window: SampleWindow, now: Date, thresholds: LatencyThresholds, in rect: Rect,
                     into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let kept = columns(fitting: rect.width)
        let columnWidth = columnWidth(rect.width)
        var x = rect.x + 3
        for column in kept {
            buffer.write(column.heading, in: Rect(x: x, y: rect.y, width: columnWidth, height: 1), role: .header,
                         alignment: .right)
            x += columnWidth
        }
        for (index, window) in zip(1..., windows.map { ($0, window.stats(over: $0.seconds, now: now)) }) {
            let y = rect.y + index
            guard y < rect.maxY else { return }
            buffer.write(window.0.label, x: rect.x, y: y, role: .label)
            x = rect.x + 3
            for column in kept {
                let (text, role) = column.value(window.1, thresholds)
                buffer.write(text, in: Rect(x: x, y: y, width: columnWidth, height: 1), role: role, alignment: .right)
                x += columnWidth
            }
        }
    }
}
