import Testing
@testable import TouchlineCore

/// Line numbers of config errors whatever the line ends (`\n`, `\r\n`, a lone `\r`) and with a byte-order mark.
@Suite("Config line positions")
struct ConfigLinePositionTests {
    static let lines = [
        "[environments.s]",
        "label = \"S\"",
        "",
        "[[environments.s.probes]]",
        "name = \"api\"",
        "kind = \"http\"",
        "bad = 1",
        "url = \"http://127.0.0.1:1/\"",
        "",
    ]

    private func message(_ text: String) -> String {
        do {
            _ = try ConfigLoader.parse(text, file: "t8.toml", baseDirectory: "/tmp", environment: [:])
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("an unknown key is at its line with LF, CRLF and a BOM", arguments: ["\n", "\r\n"], [false, true])
    func unknownKeyLine(lineEnd: String, byteOrderMark: Bool) {
        let text = (byteOrderMark ? "\u{FEFF}" : "") + Self.lines.joined(separator: lineEnd)
        #expect(message(text).hasPrefix("t8.toml:7: environments.s.probes[0].bad: unknown key 'bad'"), "\(message(text))")
    }

    @Test("the key locator counts \\n, \\r\\n and a lone \\r as line ends, and skips a BOM")
    func locator() {
        for lineEnd in ["\n", "\r\n", "\r"] {
            let locator = TOMLKeyLocator(text: "\u{FEFF}[a]" + lineEnd + "x = 1" + lineEnd + lineEnd + "[b]" + lineEnd + "y = 2")
            #expect(locator.line(of: "a") == 1, "\(lineEnd.unicodeScalars.map(\.value))")
            #expect(locator.line(of: "a.x") == 2)
            #expect(locator.line(of: "b") == 4)
            #expect(locator.line(of: "b.y") == 5)
        }
    }

    @Test("a TOML syntax error in a CRLF file with a BOM names its line")
    func syntaxErrorLine() {
        let text = "\u{FEFF}[environments.s]\r\nlabel = \"S\"\r\n\r\nnope nope\r\n"
        #expect(message(text).hasPrefix("t8.toml:4: TOML syntax error"), "\(message(text))")
    }

    @Test("a header toml++ cannot take is refused at its line with CRLF, and right after a BOM")
    func badHeaderLine() {
        #expect(message("[environments.s]\r\n\r\n[#]\r\n").hasPrefix("t8.toml:3: TOML syntax error: Error while parsing table header"),
                "\(message("[environments.s]\r\n\r\n[#]\r\n"))")
        #expect(message("\u{FEFF}[#]\r\n").hasPrefix("t8.toml:1: TOML syntax error: Error while parsing table header"),
                "\(message("\u{FEFF}[#]\r\n"))")
        #expect(message("\u{FEFF}a = 1\r\nb = \u{2028}2\r\n").hasPrefix("t8.toml:2: TOML syntax error: unexpected character U+2028"))
    }

    @Test("a dotted key under the wrong table is reported at its own line")
    func dottedKey() {
        let text = "[environments.s]\nlabel = \"S\"\n\n# comment\nwrong.key = 1\n"
        #expect(message(text).hasPrefix("t8.toml:5: environments.s.wrong: unknown key 'wrong'"), "\(message(text))")
        let locator = TOMLKeyLocator(text: "[t]\na = 1\nb.c.d = 2\n")
        #expect(locator.line(of: "t.b") == 3)
        #expect(locator.line(of: "t.b.c") == 3)
        #expect(locator.line(of: "t.b.c.d") == 3)
    }

    @Test("an unknown top-level key comes before 'no environments defined'")
    func unknownTopLevelKey() {
        #expect(message("x = 1979-05-27T07:32:00Z\n").hasPrefix("t8.toml:1: x: unknown key 'x' (allowed: "), "\(message("x = 1979-05-27T07:32:00Z\n"))")
        #expect(message("x = 1979-05-27T07:32:00Z\r\n").hasPrefix("t8.toml:1: x: unknown key 'x'"))
        #expect(message("# nothing\n").hasPrefix("t8.toml: environments: no environments defined"))
    }

    @Test("secret masking and the diff keep CRLF lines apart")
    func crlfMaskingAndDiff() {
        // Before, a CRLF file was one line to the masker (`"\r\n"` is one Character): the password showed.
        let text = "USER=a\r\nDB_PASSWORD=hunter2\r\nHOST=h\r\n"
        let masked = SecretMasker.maskText(text)
        #expect(masked == "USER=a\r\nDB_PASSWORD=***\r\nHOST=h\r\n")
        #expect(SecretMasker.secrets(in: text)["DB_PASSWORD"] == "hunter2")
        #expect(SecretMasker.mask("DB_PASSWORD=hunter2\r", comparedWith: SecretMasker.secrets(in: text)) == "DB_PASSWORD=***(unchanged)\r")
        let lines = UnifiedDiff.lines(text)
        #expect(lines.count == 3)
        #expect(lines[1].text == "DB_PASSWORD=hunter2\r")
        #expect(UnifiedDiff.counts(old: text, new: text.replacing("HOST=h", with: "HOST=k")).text == "+1 −1")
        #expect(TextLines.split("a\r\nb\rc\nd") == ["a", "b", "c", "d"])
        #expect(TextLines.mapLines("a\r\nb\n") { $0.uppercased() } == "A\r\nB\n")
    }
}
