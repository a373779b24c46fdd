import TouchlineCore

extension ServicesPane {
    /// A sub-row of a prometheus probe with `by`: its status, `└ label` under the service name, and its value
    /// in the detail column; or the `… N more` line.
    static func drawSubRow(_ line: ServiceLine, columns: ServiceColumns, x: Int, y: Int, width: Int, into buffer: inout CellBuffer) {
        var cursor = ColumnCursor(x: x, y: y, gap: columns.gap)
        switch line {
        case .probe:
            return
        case .row(_, let row, let unit):
            cursor.text(StatusStyle.label(row.status), width: columns.status, role: StatusStyle.role(row.status), into: &buffer)
            cursor.text("└ " + row.label, width: columns.name, role: .text, into: &buffer)
            let skipped = [columns.kind, columns.latency, columns.p95, columns.history, columns.age].filter { $0 > 0 }
            for width in skipped { cursor.skip(width) }
            let value = row.value.map { MetricUnit.format($0, unit: unit) } ?? "no data"
            buffer.write(TextFit.truncate([Span(value, row.status == .up ? .dim : StatusStyle.role(row.status))], to: columns.detail),
                         x: cursor.x, y: y, maxWidth: columns.detail)
        case .more(_, let count, let label):
            cursor.skip(columns.status)
            cursor.text("└ … \(count) more \(label) \(CountText.noun(count, "value")) (Enter: all)", width: max(0, width - columns.status - columns.gap), role: .dim,
                        into: &buffer)
        }
    }
}
