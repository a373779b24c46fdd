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
                return (Format.percent(rate, digits: 2), rate >= limits.errorRate ? .critical : (rate > 0 ? .warn : .ok))
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

    /// Columns per value (its right-aligned text and the gap before it) for a table `width` wide: the least a
    /// column takes; one whose widest value needs more (`≥56.7 ms`) takes that and a gap, never touching its neighbour.
    static func columnWidth(_ width: Int) -> Int { width < 60 ? 8 : 9 }
    /// The windows, one row each.
    static let windows: [(label: String, seconds: Double)] = [("1m", 60), ("5m", 300)]

    /// The columns that fit in `width`, in display order, at their least width.
    static func columns(fitting width: Int) -> [Column] {
        columns(fitting: width, widths: [:]).map(\.column)
    }

    /// The columns that fit in `width` with their widths (`needed`: the widest value of a column), in display
    /// order; the least important are left out first.
    static func columns(fitting width: Int, widths needed: [Column: Int]) -> [(column: Column, width: Int)] {
        let least = columnWidth(width)
        func cells(_ column: Column) -> Int { max(least, (needed[column] ?? 0) + 1) }
        var left = width - 3
        var kept: Set<Column> = []
        for column in Column.allCases.sorted(by: { $0.priority < $1.priority }) {
            guard cells(column) <= left else { break }
            kept.insert(column)
            left -= cells(column)
        }
        return Column.allCases.filter(kept.contains).map { ($0, cells($0)) }
    }

    /// Draws the heading row and one row per window into `rect` (as many rows as fit).
    static func draw(_ window: SampleWindow, now: Date, thresholds: LatencyThresholds, in rect: Rect,
                     into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let rows = windows.map { (label: $0.label, stats: window.stats(over: $0.seconds, now: now)) }
        var needed: [Column: Int] = [:]
        for column in Column.allCases {
            needed[column] = rows.map { DisplayWidth.of(column.value($0.stats, thresholds).0) }.max() ?? 0
        }
        let kept = columns(fitting: rect.width, widths: needed)
        var x = rect.x + 3
        for (column, columnWidth) in kept {
            buffer.write(column.heading, in: Rect(x: x, y: rect.y, width: columnWidth, height: 1), role: .header,
                         alignment: .right)
            x += columnWidth
        }
        for (index, row) in zip(1..., rows) {
            let y = rect.y + index
            guard y < rect.maxY else { return }
            buffer.write(row.label, x: rect.x, y: y, role: .label)
            x = rect.x + 3
            for (column, columnWidth) in kept {
                let (text, role) = column.value(row.stats, thresholds)
                buffer.write(text, in: Rect(x: x, y: y, width: columnWidth, height: 1), role: role, alignment: .right)
                x += columnWidth
            }
        }
    }
}
