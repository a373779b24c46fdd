/// Walks along a table row, writing each column at its width and skipping the gap after it.
struct ColumnCursor {
    /// The column where the next table column starts.
    var x: Int
    /// The row.
    let y: Int
    /// Spaces between columns.
    let gap: Int

    /// Writes `text` in a column of `width` (nothing and no gap when the width is 0), shortened with `…`.
    mutating func text(_ text: String, width: Int, role: StyleRole, alignment: Alignment = .left,
                       into buffer: inout CellBuffer) {
        guard width > 0 else { return }
        buffer.write(text, in: Rect(x: x, y: y, width: width, height: 1), role: role, alignment: alignment)
        x += width + gap
    }

    /// Moves past a column of `width` that was drawn some other way.
    mutating func skip(_ width: Int) {
        guard width > 0 else { return }
        x += width + gap
    }
}
