import Foundation
import Testing
import TouchlineUI

/// Compares a rendered buffer (text and style overlay) with `Snapshots/NAME.txt`, recording it when
/// missing or when `TOUCHLINE_RECORD_SNAPSHOTS=1` (and failing, so nothing passes silently).
enum SnapshotAssertion {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The snapshot file's content for `buffer`: text rows (right-trimmed), a separator, style rows.
    static func document(_ buffer: CellBuffer) -> String {
        let text = (0..<buffer.height).map { row -> String in
            var line = buffer.rowText(row)
            while line.last == " " { line.removeLast() }
            return line
        }
        let styles = (0..<buffer.height).map(buffer.styleRow)
        return text.joined(separator: "\n") + "\n--- styles \(buffer.width)x\(buffer.height) ---\n"
            + styles.joined(separator: "\n") + "\n--- legend: \(StyleRole.legend) ---\n"
    }

    static func assertMatches(_ buffer: CellBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent("\(name).txt")
        let actual = document(buffer)
        let record = ProcessInfo.processInfo.environment["TOUCHLINE_RECORD_SNAPSHOTS"] == "1"
        guard !record, let data = FileManager.default.contents(atPath: file.path),
              let expected = String(data: data, encoding: .utf8) else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded snapshot \(name).txt; check it and run the tests again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record snapshot \(name).txt: \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
        let got = index < actualLines.count ? String(actualLines[index]) : "<end of screen>"
        Issue.record("""
            snapshot \(name).txt differs at line \(index + 1) (TOUCHLINE_RECORD_SNAPSHOTS=1 re-records):
              expected: \(want)
              actual:   \(got)
            """, sourceLocation: sourceLocation)
    }
}
