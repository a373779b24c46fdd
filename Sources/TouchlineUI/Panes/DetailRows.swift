import TouchlineCore

/// Builds the rows of the detail view: `label  value` fields whose value wraps under itself, headings,
/// plain lines; nothing is cut.
struct DetailRows {
    /// The content width.
    let width: Int
    /// The rows so far.
    private(set) var rows: [[Span]] = []

    /// Columns of the label in a field row.
    static let labelWidth = 14

    init(width: Int) {
        self.width = width
    }

    /// `label` in its column, `value` wrapped beside it.
    mutating func field(_ label: String, _ value: String, role: StyleRole = .text) {
        let lines = TextWrap.lines(value, width: max(1, width - Self.labelWidth))
        for (index, line) in lines.enumerated() {
            let head = index == 0 ? TextFit.pad(label, to: Self.labelWidth) : String(repeating: " ", count: Self.labelWidth)
            rows.append([Span(head, .label), Span(line, role)])
        }
    }

    /// `prefix` then `text` wrapped, continuation rows indented by the prefix's width.
    mutating func wrapped(_ prefix: String, _ text: String, role: StyleRole) {
        let indent = DisplayWidth.of(prefix)
        let lines = TextWrap.lines(text, width: max(1, width - indent))
        for (index, line) in lines.enumerated() {
            rows.append([Span(index == 0 ? prefix : String(repeating: " ", count: indent), index == 0 ? .dim : .text), Span(line, role)])
        }
    }

    /// A heading row.
    mutating func heading(_ text: String) { rows.append([Span(text, .header)]) }

    /// A plain row (cut to the width only if a table row is wider than the screen).
    mutating func plain(_ text: String, role: StyleRole = .text) { rows.append([Span(text, role)]) }

    /// An empty row.
    mutating func blank() { rows.append([]) }
}
