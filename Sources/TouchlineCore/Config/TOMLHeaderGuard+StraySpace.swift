extension TOMLHeaderGuard {
    /// Unicode spaces and line breaks other than space, tab, CR and LF. TOML allows them only inside
    /// strings and comments; toml++ (3.3 and 3.4) asserts — aborting where assertions are on, undefined behaviour
    /// in CTOMLShim, built with NDEBUG — when a value starts with one (`command = [\u{2028}"a"]`), so they are
    /// refused here first.
    static let straySpaces: Set<UInt32> = [0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
                                           0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]

    /// The first such space outside strings and comments: its 1-based line and its code point
    /// (`U+2028`); nil when there is none. A byte-order mark opening the text is allowed.
    static func firstStraySpace(in text: String) -> (line: Int, saw: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = scalars.first?.value == 0xFEFF ? 1 : 0
        var line = 1
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                index = skipString(scalars, from: index, quote: scalar, line: &line)
                continue
            default:
                if straySpaces.contains(scalar.value) {
                    return (line, "U+" + String(scalar.value, radix: 16, uppercase: true))
                }
            }
            index += 1
        }
        return nil
    }
}
