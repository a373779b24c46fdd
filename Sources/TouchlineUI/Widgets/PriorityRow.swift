/// Lays out items on one line, dropping the least important ones (highest `priority` number) until they fit.
public enum PriorityRow {
    /// One item: its spans and how important it is (0 = most important).
    public struct Item: Sendable, Equatable {
        /// What to draw.
        public var spans: [Span]
        /// 0 is kept longest.
        public var priority: Int

        /// Creates an item.
        public init(_ spans: [Span], priority: Int) {
            self.spans = spans
            self.priority = priority
        }

        /// Columns the item covers.
        public var width: Int { spans.reduce(0) { $0 + $1.width } }
    }

    /// The items that fit in `width` columns with `gap` columns between them, in their original order.
    public static func fit(_ items: [Item], width: Int, gap: Int) -> [Item] {
        var kept = items
        while !kept.isEmpty && totalWidth(kept, gap: gap) > width {
            guard let worst = kept.indices.max(by: { kept[$0].priority < kept[$1].priority }) else { break }
            kept.remove(at: worst)
        }
        return kept
    }

    /// Draws the items that fit from column `x` of row `y`, separated by `gap` spaces in `gapRole`; returns the columns used.
    @discardableResult
    public static func draw(_ items: [Item], x: Int, y: Int, width: Int, gap: Int, gapRole: StyleRole,
                            into buffer: inout CellBuffer) -> Int {
        let kept = fit(items, width: width, gap: gap)
        var column = x
        for (index, item) in kept.enumerated() {
            if index > 0 { column += buffer.write(String(repeating: " ", count: gap), x: column, y: y, role: gapRole) }
            column += buffer.write(item.spans, x: column, y: y, maxWidth: x + width - column)
        }
        return column - x
    }

    /// The spans of the items that fit in `width` columns with `separator` between them (dropping the least
    /// important first, as ``fit(_:width:gap:)`` does), in their original order; an item too wide even alone is
    /// cut with `…`. A header's `live · read 2s ago · query 3.7 ms` loses whole items, never half a unit.
    public static func joined(_ items: [Item], width: Int, separator: Span) -> [Span] {
        var kept = fit(items, width: width, gap: separator.width)
        if kept.isEmpty, width > 0, let first = items.min(by: { $0.priority < $1.priority }) { kept = [first] }
        var spans: [Span] = []
        for (index, item) in kept.enumerated() {
            if index > 0 { spans.append(separator) }
            spans += item.spans
        }
        return spans.reduce(0) { $0 + $1.width } > width ? TextFit.truncate(spans, to: max(0, width)) : spans
    }

    /// Columns the items take with their gaps.
    public static func totalWidth(_ items: [Item], gap: Int) -> Int {
        guard !items.isEmpty else { return 0 }
        return items.reduce(0) { $0 + $1.width } + gap * (items.count - 1)
    }
}
