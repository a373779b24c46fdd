import TouchlineCore

/// What the cell buffer draws for a grapheme that cannot go into a cell as it is.
enum CellGlyph {
    /// `character`, or a space for tab and line breaks, or U+FFFD for other control characters and for graphemes
    /// that take no column (a lone combining mark, a zero-width space): every drawn grapheme covers 1 or 2 cells.
    @inline(__always)
    static func printable(_ character: Character) -> Character {
        guard let first = character.unicodeScalars.first else { return " " }
        let value = first.value
        if value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value) {
            return value >= 0x300 && DisplayWidth.of(character) == 0 ? "\u{FFFD}" : character
        }
        if value == 0x09 || value == 0x0A || value == 0x0D { return " " }
        return "\u{FFFD}"
    }
}
