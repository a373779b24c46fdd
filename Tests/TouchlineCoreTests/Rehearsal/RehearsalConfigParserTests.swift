import Foundation
import Testing
@testable import TouchlineCore

/// `[environments.NAME.rehearsal]`: the shipped config, defaults, and a corpus of malformed tables.
@Suite("Rehearsal config")
struct RehearsalConfigParserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-rehearsals")
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var badRehearsals: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test("the shipped staging rehearsal: deploy through scripts/stack, two checks, a 10 s load test")
    func shipped() throws {
        let path = Self.repositoryRoot.appendingPathComponent("config.toml").path
        let config = try ConfigLoader.load(path: path, environment: ["STAGING_DB_PASSWORD": "x"])
        let staging = try #require(config.environment(named: "staging"))
        let rehearsal = try RehearsalConfigParser.parse(environment: staging, configFile: path)
        #expect(rehearsal.deployCommand == ["scripts/stack", "deploy", "{release}"])
        #expect(rehearsal.deployCommand(for: "1.6.0") == ["scripts/stack", "deploy", "1.6.0"])
        #expect(rehearsal.probes == ["api", "postgres", "redis"])
        #expect(rehearsal.rollbackOnFailure)
        #expect(rehearsal.checks.map(\.name) == ["health", "prediction"])
        let prediction = rehearsal.checks[1]
        #expect(prediction.request.method == "POST")
        #expect(prediction.request.body == #"{"away_team":"Chelsea","home_team":"Arsenal"}"#)
        #expect(prediction.sum == RehearsalSumCheck(fields: ["prediction.home_win", "prediction.draw", "prediction.away_win"],
                                                    equals: 1, tolerance: 0.001))
        #expect(rehearsal.load.concurrency == 10)
        #expect(rehearsal.load.duration == 10)
        #expect(rehearsal.load.maxP95 == 1)
        #expect(rehearsal.load.maxErrorRate == 0.05)
        #expect(rehearsal.load.endpoints.map(\.label) == ["GET /health", "POST /api/v1/predictions/match"])
    }

    @Test("defaults: the platform's plan (10 workers, 30 s, p95 < 1 s, errors < 5 %), rollback on failure")
    func defaults() throws {
        let text = """
            [environments.staging]
            [environments.staging.rehearsal]
            deploy_command = ["deploy", "{release}"]
            """
        let config = try ConfigLoader.parse(text, file: "t.toml", baseDirectory: "/tmp", environment: [:])
        let rehearsal = try RehearsalConfigParser.parse(environment: config.environments[0], configFile: "t.toml")
        #expect(rehearsal.load == RehearsalLoadConfig())
        #expect(rehearsal.load.concurrency == 10 && rehearsal.load.duration == 30)
        #expect(rehearsal.load.endpoints.map(\.label) == ["GET /health", "POST /api/v1/predictions/match"])
        #expect(rehearsal.rollbackOnFailure && rehearsal.waitHealthy == 60 && rehearsal.release == nil && rehearsal.checks.isEmpty)
    }

    @Test("generator: auto by default, wrk or touchline when set")
    func generator() throws {
        for (value, expected) in [("", LoadGenerator.auto), ("generator = \"wrk\"", .wrk), ("generator = \"touchline\"", .touchline)] {
            let text = """
                [environments.staging]
                [environments.staging.rehearsal]
                deploy_command = ["deploy", "{release}"]
                [environments.staging.rehearsal.load]
                \(value)
                """
            let config = try ConfigLoader.parse(text, file: "t.toml", baseDirectory: "/tmp", environment: [:])
            #expect(try RehearsalConfigParser.parse(environment: config.environments[0], configFile: "t.toml").load.generator == expected)
        }
    }

    @Test("no rehearsal table is one line naming the key")
    func missingTable() throws {
        let config = try ConfigLoader.parse("[environments.staging]\n", file: "t.toml", baseDirectory: "/tmp", environment: [:])
        #expect(throws: ConfigError.self) { try RehearsalConfigParser.parse(environment: config.environments[0], configFile: "t.toml") }
    }

    @Test("each malformed rehearsal table gives one line naming file, line and key", arguments: badRehearsals)
    func badRehearsal(name: String) throws {
        let path = Self.fixtures.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try #require(text.split(separator: "\n").first).replacingOccurrences(of: "# expect: ", with: "")
        do {
            // Action tables are parsed when the config is loaded: the bad table fails the load itself.
            _ = try ConfigLoader.load(path: path, environment: [:])
            Issue.record("\(name) parsed without error")
        } catch let error as ConfigError {
            let line = error.description
            #expect(!line.contains("\n"))
            #expect(line.hasPrefix(path), "\(name): \(line)")
            #expect(line.contains(expected), "\(name): expected '\(expected)' in '\(line)'")
        } catch {
            Issue.record("\(name): not a ConfigError: \(error)")
        }
    }

    @Test("release names: letters, digits and ._+-, not starting with - or .")
    func releaseNames() {
        #expect(RehearsalConfig.isValidRelease("1.6.0-rc1+b2"))
        #expect(!RehearsalConfig.isValidRelease("-rf"))
        #expect(!RehearsalConfig.isValidRelease(".hidden"))
        #expect(!RehearsalConfig.isValidRelease("1.0 beta"))
        #expect(!RehearsalConfig.isValidRelease(""))
    }
}
