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

    /// Columns the items take with their gaps.
    public static func totalWidth(_ items: [Item], gap: Int) -> Int {
        guard !items.isEmpty else { return 0 }
        return items.reduce(0) { $0 + $1.width } + gap * (items.count - 1)
    }
}
