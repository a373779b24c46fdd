/// Rows of text cells laid out in columns by display width (``DisplayWidth``), for every table the headless
/// commands print: plain text (`touchline check`, `releases`, `backups`) and Markdown (snapshot, rehearsal report).
///
/// A column is as wide as its widest cell in terminal columns, so an East-Asian name (2 columns a character),
/// an emoji, a combining accent or a zero-width space never shifts the columns after it.
public enum TextTable {
    /// Where a cell sits in its column.
    public enum Alignment: Sendable {
        /// Text, against the left edge.
        case left
        /// Numbers, against the right edge.
        case right
    }

    /// Plain text: cells separated by `gap`, each line led by `indent`; the last column is not padded and
    /// trailing spaces are trimmed. `alignments` gives each column's alignment (left when absent).
    public static func plain(_ rows: [[String]], alignments: [Alignment] = [], gap: String = "  ",
                             indent: String = "") -> [String] {
        let widths = columnWidths(rows)
        return rows.map { row in
            let cells = row.indices.map { column -> String in
                let right = column < alignments.count && alignments[column] == .right
                if column == row.count - 1 && !right { return row[column] }
                return DisplayWidth.pad(row[column], to: widths[column], right: right)
            }
            var line = indent + cells.joined(separator: gap)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// A Markdown table: the header row, the delimiter row (`---:` for right-aligned columns) and the body,
    /// every cell padded to its column's display width so the source reads as a table too. Cells must already
    /// be single-line with `|` escaped.
    public static func markdown(header: [String], rows: [[String]], alignments: [Alignment] = []) -> [String] {
        let widths = columnWidths([header] + rows).map { max(3, $0) }
        func right(_ column: Int) -> Bool { column < alignments.count && alignments[column] == .right }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { DisplayWidth.pad(cells[$0], to: widths[$0], right: right($0)) }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let delimiter = widths.indices.map { column in
            right(column) ? String(repeating: "-", count: widths[column] - 1) + ":" : String(repeating: "-", count: widths[column])
        }
        return [line(header), "| " + delimiter.joined(separator: " | ") + " |"] + rows.map(line)
    }

    /// The display width of the widest cell of each column.
    private static func columnWidths(_ rows: [[String]]) -> [Int] {
        let count = rows.map(\.count).max() ?? 0
        return (0..<count).map { column in
            rows.reduce(0) { column < $1.count ? max($0, DisplayWidth.of($1[column])) : $0 }
        }
    }
}
