import Testing
@testable import TouchlineCore

/// A Unicode line separator or no-break space outside strings and comments is one config error line, not
/// an assertion inside toml++ (a config fuzz mutation put U+2028 right after an array's `[`).
@Suite("TOML stray Unicode spaces")
struct TOMLStraySpaceTests {
    @Test("U+2028 after '[' in a value, U+00A0 before '=': one line with the line number; inside strings and comments they are fine")
    func straySpaces() {
        for (text, line, saw) in [("a = 1\ncommand = [\u{2028}\"x\"]\n", 2, "U+2028"), ("key\u{00A0}= 1\n", 1, "U+A0")] {
            do {
                _ = try TOMLDocument.parse(text, file: "c.toml")
                Issue.record("parsed \(text.debugDescription)")
            } catch {
                #expect(error.line == line)
                #expect(error.description.contains("unexpected character \(saw)"), "\(error)")
            }
        }
        #expect((try? TOMLDocument.parse("a = \"x\u{2028}y\" # \u{00A0}\n", file: "c.toml")) != nil)
    }
}
