import Foundation
import Testing
import TouchlineCore

/// Display width and the table layout every printer uses: East-Asian wide, emoji, flags, combining marks and
/// zero-width characters never shift the columns after them.
@Suite("Display width and text tables")
struct TextTableTests {
    /// Names whose display width differs from their `count` (graphemes) or their scalar count.
    static let names = ["api-世蓮", "cafe\u{301}", "api-🚀", "zw\u{200B}sp", "🇩🇪-de", "ｶﾅ", "plain"]

    /// The display column at which each of `row`'s cells starts, by finding each cell's text after the previous one.
    private func starts(of cells: [String], in line: String) -> [Int]? {
        var result: [Int] = []
        var rest = Substring(line)
        var consumed = 0
        for cell in cells {
            guard let range = rest.range(of: cell) else { return nil }
            let before = rest[..<range.lowerBound]
            result.append(consumed + DisplayWidth.of(before))
            consumed += DisplayWidth.of(before) + DisplayWidth.of(cell)
            rest = rest[range.upperBound...]
        }
        return result
    }

    @Test("widths: wide and emoji 2, combining and zero-width 0, others 1")
    func widths() {
        #expect(DisplayWidth.of("api-世蓮") == 8)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        #expect(DisplayWidth.of("api-🚀") == 6)
        #expect(DisplayWidth.of("zw\u{200B}sp") == 4)
        #expect(DisplayWidth.of("🇩🇪") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("\u{FEFF}x") == 1)
        #expect(DisplayWidth.of("ｶﾅ") == 2, "half-width katakana is narrow")
        #expect(DisplayWidth.of("\u{00AD}") == 1, "soft hyphen is drawn as a hyphen")
    }

    @Test("plain table: every cell of a column starts at the same display column")
    func plain() throws {
        let rows = [["NAME", "KIND", "LATENCY"]] + Self.names.map { [$0, "tcp", "1.2 ms"] }
        let lines = TextTable.plain(rows, indent: "  ")
        let expected = try #require(starts(of: rows[0], in: lines[0]))
        #expect(expected == [2, 2 + 8 + 2, 2 + 8 + 2 + 4 + 2])
        for (row, line) in zip(rows, lines) {
            #expect(starts(of: row, in: line) == expected, "\(line)")
        }
    }

    @Test("right-aligned columns end at the same display column; trailing spaces trimmed")
    func rightAligned() {
        let lines = TextTable.plain([["世蓮", "1"], ["a", "12345"]], alignments: [.left, .right])
        #expect(lines == ["世蓮      1", "a     12345"])
    }

    @Test("Markdown table: padded by display width, delimiter row matches, right alignment marked")
    func markdown() throws {
        let lines = TextTable.markdown(header: ["probe", "latency"], rows: Self.names.map { [$0, "24.2 ms"] },
                                       alignments: [.left, .right])
        #expect(lines[1] == "| -------- | ------: |")
        let width = DisplayWidth.of(lines[0])
        for line in lines {
            #expect(DisplayWidth.of(line) == width, "\(line)")
            #expect(starts(of: ["|", "|", "|"], in: line) == [0, 11, 21], "\(line)")
        }
    }

    @Test("backup result: the rows table aligns a wide table name")
    func backupRows() throws {
        let record = BackupRecord(file: "f.sql.gz", created: Date(timeIntervalSince1970: 0), size: 10, sha256: "abc",
                                  database: "db", serverVersion: "16",
                                  tableRows: ["public.チーム": 40, "public.teams": 7, "public.e\u{301}quipe": 3], verified: true)
        let report = BackupReport(record: record, path: "/b/f.sql.gz", commands: [], expired: [], warnings: [],
                                  dumpSeconds: 0.1436, verifySeconds: 1.05)
        let text = BackupOutput.text(.completed(report), environment: "staging")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  public.") }
        #expect(rows.count == 3)
        let ends = rows.map { DisplayWidth.of($0) }
        #expect(Set(ends).count == 1, "right-aligned counts end at different columns:\n\(rows.joined(separator: "\n"))")
        #expect(text.contains("time      dump 144 ms, verify 1.1 s"), "\(text)")
    }
}
