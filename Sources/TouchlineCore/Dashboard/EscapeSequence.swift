/// Decodes the key sequences a terminal sends that its terminfo entry does not name (a wrong `TERM`, e.g.
/// `xterm-256color` inside tmux sends End as `ESC [ 4 ~`, which `screen`'s entry knows and xterm's does not):
/// curses then hands them over byte by byte, and without this the leading ESC would read as Esc (closing a
/// view) followed by stray characters.
///
/// Understood, after ESC: CSI (`[`) and SS3 (`O`) with a final `A`–`D` (arrows), `H`/`F` (Home/End), `Z`
/// (Shift-Tab), and CSI `n ~` with n = 1 or 7 (Home), 4 or 8 (End), 5 (Page Up), 6 (Page Down); modifier
/// parameters (`ESC [ 1 ; 5 A`) are read past. Any other complete CSI sequence (parameter bytes 0x30–0x3F,
/// intermediate bytes 0x20–0x2F, a final byte 0x40–0x7E) is swallowed whole rather than typed.
public enum EscapeSequence {
    /// What one sequence decodes to.
    public struct Decoded: Equatable, Sendable {
        /// The key, or nil for a sequence that is swallowed (Insert, Delete, F-keys, focus reports, …).
        public var key: KeyPress?
        /// How many codes the sequence took, ESC included.
        public var length: Int
    }

    /// Decodes the sequence at the start of `codes` (Unicode scalar values as curses gave them), which must
    /// begin with ESC (27). Nil when they do not form a complete sequence: the ESC is then a plain Esc.
    public static func decode(_ codes: ArraySlice<UInt32>) -> Decoded? {
        guard codes.count >= 3, codes.first == 27 else { return nil }
        let start = codes.startIndex
        let introducer = codes[start + 1]
        if introducer == 79 {  // SS3: ESC O final
            guard let key = final(codes[start + 2]) else { return nil }
            return Decoded(key: key, length: 3)
        }
        guard introducer == 91 else { return nil }  // CSI: ESC [ parameters intermediates final
        var index = start + 2
        var parameters: [UInt32] = []
        while index < codes.endIndex, (0x30...0x3F).contains(codes[index]) {
            parameters.append(codes[index])
            index += 1
        }
        while index < codes.endIndex, (0x20...0x2F).contains(codes[index]) { index += 1 }
        guard index < codes.endIndex, (0x40...0x7E).contains(codes[index]) else { return nil }
        let length = index - start + 1
        let finalByte = codes[index]
        if finalByte == 126 {  // ~ : the first parameter names the key
            let first = String(String.UnicodeScalarView(parameters.prefix { $0 != 59 }.compactMap(Unicode.Scalar.init)))
            let key: KeyPress?
            switch Int(first) {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            default: key = nil
            }
            return Decoded(key: key, length: length)
        }
        return Decoded(key: final(finalByte), length: length)
    }

    /// The key of a CSI or SS3 final byte, or nil.
    private static func final(_ code: UInt32) -> KeyPress? {
        switch code {
        case 65: return .up
        case 66: return .down
        case 67: return .right
        case 68: return .left
        case 72: return .home
        case 70: return .end
        case 90: return .backTab
        default: return nil
        }
    }
}
