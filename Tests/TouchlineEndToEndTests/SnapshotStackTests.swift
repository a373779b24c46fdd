import Foundation
import Testing
@testable import TouchlineTestSupport

/// Incident snapshots against the real stack: headless with `touchline snapshot`, and `S` in the dashboard.
extension RealStackSuite {
@Suite("Incident snapshots against the stack", .serialized)
struct SnapshotStackTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    private func object(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("touchline snapshot --duration 2s: JSON with every probe's samples and metrics, a Markdown summary, no password")
    func headless() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let folder = "\(stack.directory)/snapshots-\(UUID().uuidString.prefix(6))"
        let result = ProcessRunner.runSeparately(binary, ["snapshot", "--config", config, "--duration", "2s", "--output", folder, "--json"],
                                                 environment: stack.environment, timeout: 30)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        let jsonPath = try #require(answer["json"])
        let markdownPath = try #require(answer["markdown"])
        #expect(jsonPath.hasPrefix(folder + "/snapshot_staging_") && jsonPath.hasSuffix(".json"))
        let snapshot = try object(jsonPath)
        #expect(snapshot["status"] as? String == "up")
        #expect(snapshot["source"] as? String == "touchline snapshot")
        let probes = try #require(snapshot["probes"] as? [[String: Any]])
        #expect(probes.map { $0["name"] as? String } == ["api", "postgres", "redis"])
        for probe in probes {
            let samples = probe["samples"] as? [[String: Any]] ?? []
            #expect(samples.count >= 2, "\(probe["name"] ?? ""): \(samples.count) samples in 2 s at a 1 s interval")
        }
        let api = try #require((probes[0]["latest"] as? [String: Any]))
        #expect(api["version"] as? String == "1.5.0")
        let pg = try #require((probes[1]["latest"] as? [String: Any])?["metrics"] as? [String: Any])
        let connections = stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = 'football_prediction_staging'")
        #expect((pg["connections"] as? Int).map { abs($0 - (Int(connections) ?? -100)) <= 2 } == true,
                "touchline saw \(pg["connections"] ?? "nil"), pg_stat_activity \(connections)")
        let markdown = try String(contentsOfFile: markdownPath, encoding: .utf8)
        #expect(markdown.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains("| api | http | up |"))
        let both = markdown + (try String(contentsOfFile: jsonPath, encoding: .utf8))
        #expect(!both.contains(stack.environment["STAGING_DB_PASSWORD"] ?? "unset-password"))
        let bad = ProcessRunner.runSeparately(binary, ["snapshot", "--config", config, "--duration", "forever"],
                                              environment: stack.environment, timeout: 10)
        #expect(bad.code == 3)
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    @Test("touchline snapshot --output DIR without --duration (and with --duration 0s) polls once and writes both files, exit 0",
          arguments: [[], ["--duration", "0s"]])
    func once(extra: [String]) throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let folder = "\(stack.directory)/snapshots-once-\(UUID().uuidString.prefix(6))"
        let result = ProcessRunner.runSeparately(binary, ["snapshot", "--config", config, "--output", folder] + extra,
                                                 environment: stack.environment, timeout: 30)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let paths = result.stdout.split(separator: "\n").map(String.init)
        #expect(paths.count == 2, "\(result.stdout)")
        let jsonPath = try #require(paths.first { $0.hasSuffix(".json") })
        let markdownPath = try #require(paths.first { $0.hasSuffix(".md") })
        #expect(jsonPath.hasPrefix(folder + "/snapshot_staging_") && FileManager.default.fileExists(atPath: markdownPath))
        let probes = try #require(try object(jsonPath)["probes"] as? [[String: Any]])
        #expect(probes.count == 3)
        for probe in probes {
            #expect((probe["samples"] as? [[String: Any]])?.count == 1, "\(probe["name"] ?? ""): one round, one sample")
        }
        #expect(result.seconds < 10, "one round of polls took \(result.seconds) s")
    }

    @Test("S in the dashboard writes the snapshot with its own history; the path is shown and logged in Events")
    func fromTheDashboard() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let command = "\(binary) --config \(config); sleep 60"
        let session = try TmuxSession(command: command, width: 120, height: 40, environment: stack.environment)
        #expect(session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        Thread.sleep(forTimeInterval: 3)
        session.send("S")
        let written = session.waitFor(seconds: 5) { $0.contains("snapshot written:") }
        #expect(written.matched, "\(written.screen)")
        session.send("q")
        let folder = "\(stack.directory)/touchline-state/snapshots"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let json = try #require(files.last { $0.hasSuffix(".json") })
        #expect(files.contains(json.replacingOccurrences(of: ".json", with: ".md")))
        let snapshot = try object("\(folder)/\(json)")
        #expect(snapshot["source"] as? String == "dashboard")
        let probes = try #require(snapshot["probes"] as? [[String: Any]])
        let samples = probes.first?["samples"] as? [[String: Any]] ?? []
        #expect(samples.count >= 3, "the dashboard's history is in the snapshot: \(samples.count)")
    }
}
}
