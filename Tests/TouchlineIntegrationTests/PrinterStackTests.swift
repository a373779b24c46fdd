import Foundation
import Testing
import TouchlineCore
@testable import TouchlineTestSupport

/// What the headless commands print, from the real binary against the real stack: tables aligned by display width
/// whatever the probe names, and measured figures as JSON numbers.
extension RealStackSuite {
@Suite("Printed tables and JSON figures against the stack", .serialized)
struct PrinterStackTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// Probes whose names are wider or narrower on screen than their character count: East-Asian wide, a
    /// combining accent, an emoji, a zero-width space.
    static let names = ["api-世蓮", "cafe\u{301}", "api-🚀", "zw\u{200B}sp"]

    /// The display column at which each cell of `cells` starts in `line`, found left to right.
    private func starts(of cells: [String], in line: String) -> [Int]? {
        var result: [Int] = []
        var rest = Substring(line)
        var consumed = 0
        for cell in cells {
            guard let range = rest.range(of: cell) else { return nil }
            let before = DisplayWidth.of(rest[..<range.lowerBound])
            result.append(consumed + before)
            consumed += before + DisplayWidth.of(cell)
            rest = rest[range.upperBound...]
        }
        return result
    }

    @Test("touchline check: with probes named api-世蓮, cafe\u{301}, api-🚀 and zw\u{200B}sp every column starts at the header's column")
    func checkTable() throws {
        let stack = try stack()
        let extra = Self.names.map { name in
            """

            [[environments.staging.probes]]
            name = "\(name)"
            kind = "tcp"
            address = "127.0.0.1:\(stack.apiPort)"
            timeout = "1s"
            """
        }.joined()
        let config = try stack.writeConfig(extraProbes: extra)
        let result = ProcessRunner.runSeparately(binary, ["check", "--config", config], environment: stack.environment, timeout: 30)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("STATUS") })
        let columns = try #require(starts(of: ["STATUS", "PROBE", "KIND", "LATENCY"], in: header))
        for name in Self.names + ["api", "postgres", "redis"] {
            let row = try #require(lines.first { $0.contains("  \(name)  ") }, "no row for \(name):\n\(result.stdout)")
            let kind = name == "api" ? "http" : (["postgres", "redis"].contains(name) ? name : "tcp")
            let cells = try #require(starts(of: ["up", name, kind], in: row), "\(row)")
            #expect(Array(cells.dropFirst()) == Array(columns[1...2]), "\(name) shifts the columns:\n\(result.stdout)")
            // LATENCY is the fourth cell: what follows KIND's padding starts at the header's column.
            let afterKind = columns[2] + DisplayWidth.of(kind)
            let rest = row.dropFirst(0)
            var column = 0
            var latencyStart: Int?
            for character in rest {
                if column >= afterKind && character != " " { latencyStart = column; break }
                column += DisplayWidth.of(character)
            }
            #expect(latencyStart == columns[3], "\(name): latency at \(latencyStart ?? -1), header at \(columns[3]):\n\(result.stdout)")
        }
    }

    @Test("check --json and snapshot JSON: latencies and counts are JSON numbers, never strings")
    func checkJSON() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let result = ProcessRunner.runSeparately(binary, ["check", "--config", config, "--json"], environment: stack.environment, timeout: 30)
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let probes = try #require(object["probes"] as? [[String: Any]], "\(result.stdout)")
        for probe in probes {
            #expect(probe["latency_ms"] is NSNumber && !(probe["latency_ms"] is String), "\(probe)")
        }
        #expect(!result.stdout.contains(#"_ms":""#) && !result.stdout.contains(#"_seconds":""#), "\(result.stdout)")
    }
}
}
