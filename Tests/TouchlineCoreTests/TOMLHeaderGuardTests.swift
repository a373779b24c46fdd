import Foundation
import Testing
@testable import TouchlineCore

/// Table headers whose first key character toml++ asserts on are refused before toml++ sees them;
/// brackets inside values, strings and comments are left alone.
@Suite("TOML header guard")
struct TOMLHeaderGuardTests {
    @Test("headers toml++ would abort on: the line and the character are named", arguments: [
        ("[#]\n", 1, "#"), ("a = 1\n[.a]\n", 2, "."), ("[=]", 1, "="), ("[😀]\n", 1, "😀"), ("[[#]]\n", 1, "#"),
        ("[[[a]]]\n", 1, "["), ("x = 1\n  [\n", 2, "U+A"), ("[ $ ]\n", 1, "$"), ("s = '''\n[ok]\n'''\n[#]\n", 4, "#"),
    ])
    func refused(text: String, line: Int, saw: String) throws {
        let bad = try #require(TOMLHeaderGuard.firstBadHeader(in: text))
        #expect(bad.line == line)
        #expect(bad.saw == saw)
        #expect(throws: ConfigError.self) { try TOMLDocument.parse(text, file: "f.toml") }
    }

    @Test("valid headers and brackets in values, strings and comments pass", arguments: [
        "[a]\n[[b]]\n[ \"q\" ]\n['l'.x]\n[-x]\n[_]\n[1]\n",
        "x = [\n  [+1, 2],\n  [{ a = 1 }],\n]\n[t]\n",
        "s = \"\"\"\n[#not a header]\n\"\"\"\n",
        "s = '''\n[=]\n'''\n",
        "# [#] in a comment\nk = \"[#]\" # [=]\n",
        "t = { a = [\n[.5] ] }\n",
        "[ [a]]\n", "[]\n", "[",
    ])
    func allowed(text: String) {
        #expect(TOMLHeaderGuard.firstBadHeader(in: text) == nil)
    }
}
