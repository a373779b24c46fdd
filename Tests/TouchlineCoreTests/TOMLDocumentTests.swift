import Testing
@testable import TouchlineCore

/// TOMLDocument over the CTOMLShim C API: every TOML kind comes back as the ConfigValue it stands for, strings
/// keep their exact bytes, and a syntax error carries toml++'s own description and line.
@Suite("TOML document (toml++ through CTOMLShim)")
struct TOMLDocumentTests {
    private func parse(_ text: String) throws(ConfigError) -> [String: ConfigValue] {
        try TOMLDocument.parse(text, file: "t.toml")
    }

    /// The ConfigError a text fails with.
    private func failure(_ text: String) throws -> ConfigError {
        do {
            _ = try parse(text)
        } catch {
            return error
        }
        Issue.record("parsed without an error: \(text.debugDescription)")
        throw ConfigError(file: "t.toml", message: "no error")
    }

    @Test("an empty document, blank lines and comments alone are an empty table", arguments: ["", "\n\n", "# only a comment\n", "\u{FEFF}"])
    func empty(text: String) throws {
        #expect(try parse(text).isEmpty)
    }

    @Test("arrays of tables, nested under each other, keep their order and contents")
    func arraysOfTables() throws {
        let text = "[[t]]\nx = 1\n[[t]]\nx = 2\n[[t.s]]\ny = 3\n[[t.s]]\n[[u.v]]\nw = true\n"
        #expect(try parse(text) == [
            "t": .array([
                .table(["x": .integer(1)]),
                .table(["x": .integer(2), "s": .array([.table(["y": .integer(3)]), .table([:])])]),
            ]),
            "u": .table(["v": .array([.table(["w": .boolean(true)])])]),
        ])
    }

    @Test("nested arrays, mixed element types and empty arrays")
    func nestedArrays() throws {
        #expect(try parse("a = [[1, 2], [3], [], [[\"x\"]]]\nb = [1, \"two\", 3.5, false]\nc = [\n  1,\n  2,\n]\n") == [
            "a": .array([.array([.integer(1), .integer(2)]), .array([.integer(3)]), .array([]), .array([.array([.string("x")])])]),
            "b": .array([.integer(1), .string("two"), .float(3.5), .boolean(false)]),
            "c": .array([.integer(1), .integer(2)]),
        ])
    }

    @Test("inline tables, nested, in arrays, and dotted keys inside them")
    func inlineTables() throws {
        #expect(try parse("a = { x = 1, y = { z = \"w\" } }\nb = [{ n = 1 }, { n = 2, m.k = 3 }]\nc = {}\n") == [
            "a": .table(["x": .integer(1), "y": .table(["z": .string("w")])]),
            "b": .array([.table(["n": .integer(1)]), .table(["n": .integer(2), "m": .table(["k": .integer(3)])])]),
            "c": .table([:]),
        ])
    }

    @Test("dates, times and date-times render as TOML text (a local date-time with Z, as TOMLKit rendered it)", arguments: [
        ("1979-05-27", "1979-05-27"),
        ("07:32:00", "07:32:00"),
        ("07:32:00.5", "07:32:00.5"),
        ("00:00:00.000001", "00:00:00.000001"),
        ("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"),
        ("1979-05-27 07:32:00z", "1979-05-27T07:32:00Z"),
        ("1979-05-27T07:32:00", "1979-05-27T07:32:00Z"),
        ("1979-05-27T07:32:00.999999-07:00", "1979-05-27T07:32:00.999999-07:00"),
        ("1979-05-27T00:32:00.123456789+05:30", "1979-05-27T00:32:00.123456789+05:30"),
        ("0001-01-01T00:00:00-00:30", "0001-01-01T00:00:00-00:30"),
    ])
    func dates(toml: String, rendered: String) throws {
        #expect(try parse("d = \(toml)\n") == ["d": .dateTime(rendered)])
    }

    @Test("escapes and raw UTF-8 come back as the exact characters, embedded NULs included")
    func strings() throws {
        let text = #"""
        e = "\u00E9\U0001F600\t\"\\"
        n = "a\u0000b"
        r = "naïve ✓ 😀"
        l = 'C:\no\escape'
        m = """
        one \
          two"""
        "k\u0000ey" = 1
        "" = 2
        """#
        let values = try parse(text)
        #expect(values["e"] == .string("é😀\t\"\\"))
        #expect(values["n"] == .string("a\u{0}b"))
        if case .string(let nul) = values["n"] { #expect(nul.utf8.count == 3) }
        #expect(values["r"] == .string("naïve ✓ 😀"))
        #expect(values["l"] == .string(#"C:\no\escape"#))
        #expect(values["m"] == .string("one two"))
        #expect(values["k\u{0}ey"] == .integer(1))
        #expect(values[""] == .integer(2))
    }

    @Test("64-bit integer limits, other bases, and floats including inf, nan and -0")
    func numbers() throws {
        let values = try parse("""
            max = 9223372036854775807
            min = -9223372036854775808
            hex = 0xDEAD_beef
            oct = 0o17
            bin = 0b1010
            big = 1e308
            tiny = 5e-324
            inf = -inf
            nan = nan
            zero = -0.0
            t = true
            f = false
            """)
        #expect(values["max"] == .integer(Int.max))
        #expect(values["min"] == .integer(Int.min))
        #expect(values["hex"] == .integer(0xDEAD_BEEF))
        #expect(values["oct"] == .integer(15))
        #expect(values["bin"] == .integer(10))
        #expect(values["big"] == .float(1e308))
        #expect(values["tiny"] == .float(5e-324))
        #expect(values["inf"] == .float(-.infinity))
        if case .float(let nan) = values["nan"] { #expect(nan.isNaN) } else { Issue.record("nan is \(String(describing: values["nan"]))") }
        if case .float(let zero) = values["zero"] { #expect(zero == 0 && zero.sign == .minus) } else { Issue.record("no -0.0") }
        #expect(values["t"] == .boolean(true))
        #expect(values["f"] == .boolean(false))
    }

    @Test("a syntax error names toml++'s description and the line it begins on", arguments: [
        ("a = 1\nb = \n", 2, "Error while parsing key-value pair: expected value, saw '\\n'"),
        ("a = 9223372036854775808\n", 1, "Error while parsing decimal integer: '9223372036854775808' is not representable in 64 bits"),
        ("s = \"\"\"\none\ntwo\"\"\"\n[a]\nx = 1\n[a]\n", 6, "Error while parsing table header: cannot redefine existing table 'a'"),
        ("a = { x = 1, }\n", 1, "Error while parsing inline table: expected key-value pair, saw closing '}' (dangling comma)"),
        ("d = 1979-13-27\n", 1, "Error while parsing date: expected month between 1 and 12 (inclusive), saw 13"),
        ("x = \"\\uD800\"\n", 1, "Error while parsing unicode scalar sequence: unicode surrogates (U+D800 - U+DFFF) are explicitly prohibited"),
        ("x = [1,\n2,\n", 2, "Error while parsing array: encountered end-of-file"),
    ])
    func syntaxError(text: String, line: Int, description: String) throws {
        let error = try failure(text)
        #expect(error.file == "t.toml")
        #expect(error.line == line)
        #expect(error.key == nil)
        #expect(error.message == "TOML syntax error: \(description)")
    }

    @Test("a NUL byte in the text is a syntax error at that spot, not the end of the document")
    func nulInText() throws {
        let error = try failure("a = 1\nb = 2\u{0}\nc = 3\n")
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("TOML syntax error: "))
    }

    @Test("a large document: every key of a wide table and every element of a long array")
    func large() throws {
        let keys = (0..<500).map { "k\($0)" }
        let text = keys.map { "\($0) = \"\($0)\"" }.joined(separator: "\n") + "\nlist = [" + (0..<2_000).map(String.init).joined(separator: ", ") + "]\n"
        let values = try parse(text)
        #expect(values.count == 501)
        #expect(keys.allSatisfy { values[$0] == .string($0) })
        #expect(values["list"] == .array((0..<2_000).map { .integer($0) }))
    }
}
