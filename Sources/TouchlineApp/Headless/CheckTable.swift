import FoundationEssentials
import TouchlineCore

/// The human-readable table of `touchline check`.
public enum CheckTable {
    /// Renders `report` with a header line and one row per probe; status is a glyph and a word; columns are
    /// aligned by display width (``TextTable``).
    public static func render(_ report: CheckReport, label: String) -> String {
        let time = UTCTimestamp.format(report.checkedAt)
        var headline = "\(label) · \(report.status.rawValue.uppercased()) · \(time)"
        if !report.optionalDown.isEmpty { headline += " · \(report.optionalDown.count) optional down" }
        var lines = [headline]
        let rows = report.samples.map { sample -> [String] in
            [StatusGlyph.glyph(sample.status) + " " + sample.status.rawValue,
             report.optional.contains(sample.probe) ? sample.probe + " (optional)" : sample.probe,
             report.kinds[sample.probe]?.rawValue ?? "",
             sample.latencyText ?? "-",
             sample.version ?? "",
             SampleSummary.detail(sample)]
        }
        let header = ["STATUS", "PROBE", "KIND", "LATENCY", "VERSION", "DETAIL"]
        lines += TextTable.plain([header] + rows)
        return lines.joined(separator: "\n")
    }
}
