import Testing
@testable import TouchlineCore

/// Key sequences a wrong TERM leaves undecoded reach the dashboard as the key, never as Esc plus characters.
@Suite("Escape sequences")
struct EscapeSequenceTests {
    private func codes(_ text: String) -> ArraySlice<UInt32> {
        ArraySlice(("\u{1B}" + text).unicodeScalars.map(\.value))
    }

    @Test("every spelling of Home, End, Page Up/Down, the arrows and Shift-Tab", arguments: [
        ("[4~", KeyPress.end), ("[8~", .end), ("[F", .end), ("OF", .end), ("[4;5~", .end),
        ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
        ("[5~", .pageUp), ("[6~", .pageDown), ("[5;2~", .pageUp),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("OA", .up), ("OD", .left), ("[1;5A", .up),
        ("[Z", .backTab),
    ])
    func keys(sequence: String, key: KeyPress) {
        let decoded = EscapeSequence.decode(codes(sequence))
        #expect(decoded == EscapeSequence.Decoded(key: key, length: sequence.unicodeScalars.count + 1), "\(sequence)")
    }

    @Test("other complete CSI sequences are swallowed whole (Insert, Delete, F5, focus in)", arguments: ["[2~", "[3~", "[15~", "[I", "[?1;2c"])
    func swallowed(sequence: String) {
        #expect(EscapeSequence.decode(codes(sequence)) == EscapeSequence.Decoded(key: nil, length: sequence.unicodeScalars.count + 1))
    }

    @Test("no complete sequence: the ESC stays Esc (alone, Alt-letter, cut short)", arguments: ["", "x", "[", "[4", "O", "[4;"])
    func plainEscape(sequence: String) {
        #expect(EscapeSequence.decode(codes(sequence)) == nil, "\(sequence)")
    }

    @Test("a sequence followed by more keys takes only its own codes")
    func lengthOnly() {
        let decoded = EscapeSequence.decode(codes("[4~q"))
        #expect(decoded == EscapeSequence.Decoded(key: .end, length: 4))
    }
}
