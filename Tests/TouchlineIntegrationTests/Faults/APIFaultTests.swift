import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The API answering every request with HTTP 500 (`scripts/stack fault api status 500`).
extension RealStackSuite {
@Suite("Faults: API 500s", .serialized)
struct APIFaultTests {
    @Test("status 500: down with HTTP 500 named, within the timeout; check exits 2; cleared: up and exit 0")
    func serverErrors() throws {
        let stack = try FaultSupport.stack()
        let checker = try FaultSupport.checker(stack, "api")
        defer { checker.close() }
        #expect(checker.check().status == .up)

        #expect(stack.run(["fault", "api", "status", "500"]).0 == 0)
        defer { stack.run(["fault", "clear"]) }
        let start = Date()
        let sample = checker.check()
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(sample.status == .down)
        #expect(sample.error?.hasPrefix("HTTP 500") == true, "\(sample.error ?? "")")

        let check = try FaultSupport.check(stack, json: true)
        #expect(check.code == 2, "\(check.stdout)\(check.stderr)")
        let api = FaultSupport.probe("api", in: check.stdout)
        #expect(api?["status"] as? String == "down")
        #expect((api?["error"] as? String)?.hasPrefix("HTTP 500") == true, "\(check.stdout)")

        #expect(stack.run(["fault", "clear"]).0 == 0)
        let back = checker.check()
        #expect(back.status == .up, "\(back.error ?? "")")
        #expect(back.version == "1.5.0")
        #expect(try FaultSupport.check(stack).code == 0)
    }

    @Test("latency 3 s against a 2 s timeout: every check counts as ≥ 2 s — the check's latency, check --json, the snapshot's p95")
    func latencyPastTheTimeout() throws {
        let stack = try FaultSupport.stack()
        let checker = try FaultSupport.checker(stack, "api")
        defer { checker.close() }
        #expect(checker.check().status == .up)

        #expect(stack.run(["fault", "api", "latency", "3s"]).0 == 0)
        defer { stack.run(["fault", "clear"]) }
        var window = SampleWindow()
        for _ in 0..<3 {
            let start = Date()
            let sample = checker.check()
            #expect(Date().timeIntervalSince(start) < 2.5, "the check keeps its 2 s deadline")
            #expect(sample.status == .down)
            #expect(sample.timedOut, "\(sample.error ?? "")")
            #expect(sample.latency == 2)
            #expect(sample.latencyText == "≥ 2.0 s")
            window.append(sample)
        }
        let stats = window.stats(over: 60, now: Date())
        #expect(stats.p95 == 2 && stats.p95IsLowerBound, "timed-out checks, new connections included, are in the p95")

        let check = try FaultSupport.check(stack, json: true)
        #expect(check.code == 2, "\(check.stdout)\(check.stderr)")
        let api = FaultSupport.probe("api", in: check.stdout)
        #expect(api?["latency_ms"] as? Double == 2000, "\(check.stdout)")
        #expect(api?["latency_is_lower_bound"] as? Bool == true)
        let table = try FaultSupport.check(stack)
        #expect(table.stdout.contains("≥ 2.0 s"), "\(table.stdout)")

        let config = try stack.writeConfig()
        let folder = "\(stack.directory)/snapshots-latency-\(UUID().uuidString.prefix(6))"
        let result = ProcessRunner.runSeparately(FaultSupport.binary, ["snapshot", "--config", config, "--duration", "4s",
                                                                       "--output", folder, "--json"],
                                                 environment: stack.environment, timeout: 40)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(answer["json"])))
        let snapshot = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let probe = try #require((snapshot["probes"] as? [[String: Any]])?.first { $0["name"] as? String == "api" })
        let minute = try #require((probe["stats"] as? [String: Any])?["1m"] as? [String: Any])
        #expect((minute["p95_ms"] as? Double).map { $0 >= 2000 } == true, "\(minute)")
        #expect(minute["p95_is_lower_bound"] as? Bool == true, "\(minute)")
        #expect((minute["timed_out"] as? Int).map { $0 >= 1 } == true, "\(minute)")
        let markdown = try String(contentsOfFile: try #require(answer["markdown"]), encoding: .utf8)
        let apiRow = markdown.split(separator: "\n").first { $0.hasPrefix("| api ") }.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(apiRow.map { Array($0.prefix(5)) } == ["api", "http", "down", "≥ 2.0 s", "≥ 2.0 s"], "\(markdown)")
    }
}
}
