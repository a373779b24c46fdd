import TouchlineCore

/// A fixed grid of cells that widgets draw into and the terminal backend diffs and prints.
///
/// Every write is clipped: text never leaves the buffer, its rectangle or its width limit, and a wide
/// grapheme that would straddle the limit is replaced by a space. Overwriting half of a wide grapheme
/// blanks the other half, so the grid is always printable cell by cell.
///
/// Cells are stored as plain values (first scalar, role, width) so that filling, copying and comparing
/// frames costs no reference counting; the rare grapheme of several scalars (an emoji sequence, a
/// letter with a combining accent) is kept whole in a side table.
public struct CellBuffer: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The cells, row by row (`y * width + x`).
    private var slots: [Slot]
    /// Graphemes of more than one scalar, by cell index.
    private var clusters: [Int: Character] = [:]

    /// One stored cell: the grapheme's first scalar, its role and its width (0 for a continuation).
    private struct Slot: Equatable, Sendable {
        var scalar: UInt32
        var role: StyleRole
        var width: UInt8
    }

    /// Creates a buffer of blank cells drawn in `role`.
    public init(width: Int, height: Int, role: StyleRole = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        slots = Array(repeating: Slot(scalar: 0x20, role: role, width: 1), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        let index = y * width + x
        let slot = slots[index]
        return Cell(grapheme: grapheme(at: index, slot), role: slot.role, width: slot.width)
    }

    /// The cell at column `x`, row `y` (the same as the subscript).
    public func cell(x: Int, y: Int) -> Cell { self[x, y] }

    /// The grapheme to print at (`x`, `y`): empty for the right half of a wide grapheme (print nothing there).
    public func grapheme(x: Int, y: Int) -> String {
        guard x >= 0, y >= 0, x < width, y < height else { return " " }
        let index = y * width + x
        let slot = slots[index]
        return slot.width == 0 ? "" : String(grapheme(at: index, slot))
    }

    /// The role of the cell at (`x`, `y`) (`text` outside the buffer).
    public func role(x: Int, y: Int) -> StyleRole {
        guard x >= 0, y >= 0, x < width, y < height else { return .text }
        return slots[y * width + x].role
    }

    /// The style slot of the cell at (`x`, `y`): its role's ``StyleRole/slot``, an index into ``Theme/stylesBySlot``.
    public func styleSlot(x: Int, y: Int) -> Int { role(x: x, y: y).slot }

    // MARK: Writing

    /// Puts one grapheme at (`x`, `y`); nothing happens outside the buffer or when a wide grapheme does not fit.
    public mutating func put(_ character: Character, x: Int, y: Int, role: StyleRole) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let shown = CellGlyph.printable(character)
        let columns = DisplayWidth.of(shown)
        if columns == 2 && x + 1 >= width {
            place(" ", columns: 1, role: role, x: x, y: y)
        } else {
            place(shown, columns: columns, role: role, x: x, y: y)
        }
    }

    /// Writes `text` on row `y` from column `x`, at most `maxWidth` columns and never past the buffer;
    /// returns the columns the text advanced (clipped columns included on the left, not on the right).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int = Int.max) -> Int {
        let limit = maxWidth >= width - x ? width : x + max(0, maxWidth)
        return write(text, x: x, y: y, role: role, from: 0, to: limit)
    }

    /// Writes spans one after the other on row `y` from column `x`, at most `maxWidth` columns; returns the columns used.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxWidth: Int = Int.max) -> Int {
        let limit = maxWidth >= width - x ? width : x + max(0, maxWidth)
        var column = x
        for span in spans where column < limit {
            column += write(span.text, x: column, y: y, role: span.role, from: 0, to: limit)
        }
        return column - x
    }

    /// Writes `text` on the first row of `rect`, aligned, shortened with `…` when `ellipsis` is set
    /// (cut at the edge otherwise); returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, role: StyleRole, alignment: Alignment = .left,
                               ellipsis: Bool = true) -> Int {
        guard !rect.isEmpty else { return 0 }
        let fitted = ellipsis ? TextFit.truncate(text, to: rect.width) : text
        let used = min(DisplayWidth.of(fitted), rect.width)
        let start: Int
        switch alignment {
        case .left: start = rect.x
        case .center: start = rect.x + (rect.width - used) / 2
        case .right: start = rect.maxX - used
        }
        return write(fitted, x: start, y: rect.y, role: role, from: max(0, rect.x), to: min(width, rect.maxX))
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `role`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let shown = CellGlyph.printable(character)
        if DisplayWidth.of(shown) == 1, let scalar = Self.singleScalar(shown) {
            let slot = Slot(scalar: scalar, role: role, width: 1)
            for y in area.y..<area.maxY {
                clearWideEdges(y: y, from: area.x, to: area.maxX)
                let start = y * width
                if !clusters.isEmpty {
                    for x in area.x..<area.maxX { clusters[start + x] = nil }
                }
                slots.withUnsafeMutableBufferPointer { buffer in
                    for x in area.x..<area.maxX { buffer[start + x] = slot }
                }
            }
        } else {
            for y in area.y..<area.maxY {
                var x = area.x
                while x < area.maxX {
                    if x + 1 < area.maxX { place(shown, columns: 2, role: role, x: x, y: y) } else { place(" ", columns: 1, role: role, x: x, y: y) }
                    x += 2
                }
            }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the graphemes (e.g. to highlight a row).
    public mutating func setRole(_ role: StyleRole, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            let start = y * width
            for x in area.x..<area.maxX { slots[start + x].role = role }
        }
    }

    /// Draws a box on the edge of `rect` with an optional title on the top border (`╭─ Title ───╮`);
    /// the title is shortened with `…` to leave the corners and one line on each side.
    public mutating func drawBox(_ rect: Rect, style: BoxStyle = .rounded, role: StyleRole = .border,
                                 title: String? = nil, titleRole: StyleRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        put(style.topLeft, x: rect.x, y: rect.y, role: role)
        put(style.topRight, x: right, y: rect.y, role: role)
        put(style.bottomLeft, x: rect.x, y: bottom, role: role)
        put(style.bottomRight, x: right, y: bottom, role: role)
        if rect.width > 2 {
            fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: style.horizontal, role: role)
            fill(Rect(x: rect.x + 1, y: bottom, width: rect.width - 2, height: 1), with: style.horizontal, role: role)
        }
        if rect.height > 2 {
            fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: style.vertical, role: role)
            fill(Rect(x: right, y: rect.y + 1, width: 1, height: rect.height - 2), with: style.vertical, role: role)
        }
        if let title, !title.isEmpty {
            writeOnBorder([Span(title, titleRole)], of: rect, bottom: false, alignment: .left, role: role)
        }
    }

    /// Writes `spans` padded by a space on each side onto the top or bottom border of `rect`,
    /// inside the corners and one line of border; returns the columns used.
    @discardableResult
    public mutating func writeOnBorder(_ spans: [Span], of rect: Rect, bottom: Bool, alignment: Alignment,
                                       role: StyleRole) -> Int {
        let room = rect.width - 6
        guard room > 0, rect.height >= 1 else { return 0 }
        var fitted = spans
        let total = spans.reduce(0) { $0 + $1.width }
        if total > room { fitted = TextFit.truncate(spans, to: room) }
        let used = min(room, fitted.reduce(0) { $0 + $1.width })
        let y = bottom ? rect.maxY - 1 : rect.y
        let start: Int
        switch alignment {
        case .left: start = rect.x + 2
        case .center: start = rect.x + (rect.width - used - 2) / 2
        case .right: start = rect.maxX - 3 - used - 1
        }
        put(" ", x: start, y: y, role: role)
        write(fitted, x: start + 1, y: y, maxWidth: used)
        put(" ", x: start + 1 + used, y: y, role: role)
        return used + 2
    }

    // MARK: Reading

    /// The text of row `y`, wide graphemes once (their continuation cells skipped).
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        text.reserveCapacity(width)
        for x in 0..<width {
            let index = y * width + x
            let slot = slots[index]
            if slot.width != 0 { text.append(grapheme(at: index, slot)) }
        }
        return text
    }

    /// Every row's text joined by newlines.
    public var text: String {
        (0..<height).map(rowText).joined(separator: "\n")
    }

    /// The style overlay of row `y`: one ``StyleRole/code`` per cell, continuation cells included.
    public func styleRow(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return String((0..<width).map { slots[y * width + $0].role.code })
    }

    /// Every row's style overlay joined by newlines.
    public var styleOverlay: String {
        (0..<height).map(styleRow).joined(separator: "\n")
    }

    // MARK: Internals

    /// Writes `text` from column `x` on row `y`, drawing only columns in `from..<to`.
    private mutating func write(_ text: String, x startX: Int, y: Int, role: StyleRole, from minX: Int, to maxX: Int) -> Int {
        guard y >= 0, y < height, maxX > minX else { return 0 }
        var x = startX
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in utf8 {
                if x >= maxX { break }
                if x >= minX { placeScalar(Self.printableASCII(byte), columns: 1, role: role, x: x, y: y) }
                x += 1
            }
            return x - startX
        }
        for character in text {
            if x >= maxX { break }
            let shown = CellGlyph.printable(character)
            let columns = DisplayWidth.of(shown)
            if x + columns > maxX {
                if x >= minX { place(" ", columns: 1, role: role, x: x, y: y) }
                x += 1
                break
            }
            if x >= minX {
                place(shown, columns: columns, role: role, x: x, y: y)
            } else if x + columns > minX {
                place(" ", columns: 1, role: role, x: minX, y: y)
            }
            x += columns
        }
        return x - startX
    }

    /// Stores a grapheme of `columns` (1 or 2) columns, blanking any wide grapheme it cuts in half.
    @inline(__always)
    private mutating func place(_ character: Character, columns: Int, role: StyleRole, x: Int, y: Int) {
        if let scalar = Self.singleScalar(character) {
            placeScalar(scalar, columns: columns, role: role, x: x, y: y)
        } else {
            let first = character.unicodeScalars.first?.value ?? 0x20
            placeScalar(first, columns: columns, role: role, x: x, y: y)
            clusters[y * width + x] = character
        }
    }

    /// Stores a one-scalar grapheme of `columns` (1 or 2) columns, blanking any wide grapheme it cuts in half.
    @inline(__always)
    private mutating func placeScalar(_ scalar: UInt32, columns: Int, role: StyleRole, x: Int, y: Int) {
        let index = y * width + x
        if !clusters.isEmpty { clusters[index] = nil }
        let old = slots[index].width
        if old == 0, x > 0 {
            blank(index - 1)
        } else if old == 2, x + 1 < width {
            blank(index + 1)
        }
        if columns == 2 {
            if slots[index + 1].width == 2, x + 2 < width { blank(index + 2) }
            slots[index] = Slot(scalar: scalar, role: role, width: 2)
            slots[index + 1] = Slot(scalar: 0x20, role: role, width: 0)
            if !clusters.isEmpty { clusters[index + 1] = nil }
        } else {
            slots[index] = Slot(scalar: scalar, role: role, width: 1)
        }
    }

    /// Turns cell `index` into a space, keeping its role.
    @inline(__always)
    private mutating func blank(_ index: Int) {
        slots[index] = Slot(scalar: 0x20, role: slots[index].role, width: 1)
        if !clusters.isEmpty { clusters[index] = nil }
    }

    /// The grapheme stored at `index`.
    @inline(__always)
    private func grapheme(at index: Int, _ slot: Slot) -> Character {
        if slot.width == 0 { return " " }
        if !clusters.isEmpty, let cluster = clusters[index] { return cluster }
        return Unicode.Scalar(slot.scalar).map(Character.init) ?? " "
    }

    /// The scalar of a grapheme made of exactly one scalar, nil otherwise.
    @inline(__always)
    private static func singleScalar(_ character: Character) -> UInt32? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first.value
    }

    /// The scalar drawn for an ASCII byte: control characters become a space or U+FFFD.
    @inline(__always)
    private static func printableASCII(_ byte: UInt8) -> UInt32 {
        if byte >= 0x20 && byte != 0x7F { return UInt32(byte) }
        return byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : 0xFFFD
    }

    /// Blanks wide graphemes cut by the edges of the columns `from..<to` of row `y`, before they are overwritten.
    private mutating func clearWideEdges(y: Int, from minX: Int, to maxX: Int) {
        let start = y * width
        if minX > 0, slots[start + minX].width == 0 { blank(start + minX - 1) }
        if maxX < width, slots[start + maxX].width == 0 { blank(start + maxX) }
    }
}
