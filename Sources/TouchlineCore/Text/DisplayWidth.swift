/// How many terminal columns text takes: 2 for East-Asian wide and emoji graphemes, 0 for graphemes made only of
/// combining marks or invisible format characters (zero-width space, joiners, BOM), 1 otherwise.
///
/// One grapheme is one `Character`: a base letter with its combining marks (`é` as `e` + U+0301) is one column,
/// an emoji ZWJ sequence or a flag two. The dashboard's cell buffer and every printed table use this function.
public enum DisplayWidth {
    /// Columns `character` covers (0, 1 or 2); control characters count 1 (the dashboard draws a replacement).
    @inline(__always)
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x300 { return 1 }
        if isZeroWidth(first) && character.unicodeScalars.allSatisfy(isZeroWidth) { return 0 }
        if value < 0x1100 { return 1 }
        return isWide(first, in: character) ? 2 : 1
    }

    /// Columns `text` covers.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// `text` followed (`.left`) or preceded (`.right`) by spaces up to `columns` columns; never cut, so a cell
    /// wider than its column pushes the rest of its row right instead of losing characters.
    public static func pad<S: StringProtocol>(_ text: S, to columns: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, columns - of(text)))
        return right ? gap + text : text + gap
    }

    /// Whether `scalar` takes no column of its own: a nonspacing or enclosing mark, or an invisible format
    /// character (U+200B zero-width space, U+200D joiner, U+2060 word joiner, U+FEFF, …), soft hyphen excepted.
    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        case .format: return scalar.value != 0xAD
        default: return (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// Whether a grapheme starting with `scalar` (at or above U+1100) is drawn two columns wide.
    private static func isWide(_ scalar: Unicode.Scalar, in character: Character) -> Bool {
        let value = scalar.value
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
             0x1F1E6...0x1F1FF, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
             0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            // A text-style symbol turned into an emoji by VS16 (U+FE0F) is drawn two columns wide.
            return character.unicodeScalars.contains { $0.value == 0xFE0F }
        }
    }
}
