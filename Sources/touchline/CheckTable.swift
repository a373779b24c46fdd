import Foundation
import TouchlineCore

/// The human-readable table of `touchline check`.
enum CheckTable {
    /// Renders `report` with a header line and one row per probe; status is a glyph and a word.
    static func render(_ report: CheckReport, label: String) -> String {
        let time = UTCTimestamp.format(report.checkedAt)
        var lines = ["\(label) · \(report.status.rawValue.uppercased()) · \(time)"]
        let rows = report.samples.map { sample -> [String] in
            [StatusGlyph.glyph(sample.status) + " " + sample.status.rawValue,
             sample.probe,
             report.kinds[sample.probe]?.rawValue ?? "",
             sample.latencyText ?? "-",
             sample.version ?? "",
             SampleSummary.detail(sample)]
        }
        let header = ["STATUS", "PROBE", "KIND", "LATENCY", "VERSION", "DETAIL"]
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header] + rows {
            let cells = row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }
}
