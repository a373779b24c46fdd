import Foundation
import Testing
@testable import TouchlineCore

/// `optional = true`, `check --probe`, per-probe warnings, the check's verdict and the backup origin field.
@Suite("Optional probes, probe selection, per-probe warnings, backup origin")
struct OptionalProbeConfigTests {
    static let toml = """
        [environments.staging]
        [[environments.staging.probes]]
        name = "api"
        kind = "tcp"
        address = "127.0.0.1:1"
        [[environments.staging.probes]]
        name = "postgres"
        kind = "postgres"
        dsn = "host=127.0.0.1 port=1 dbname=x user=y"
        password_env = "NOPE_UNSET_PASSWORD"
        [[environments.staging.probes]]
        name = "kafka"
        kind = "tcp"
        address = "127.0.0.1:2"
        optional = true
        """

    static func load(_ text: String = toml) throws -> EnvironmentConfig {
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        return try #require(config.environments.first)
    }

    @Test("optional = true is read; absent is false; a non-boolean names file, line and key")
    func optionalKey() throws {
        let staging = try Self.load()
        #expect(staging.probes.map(\.optional) == [false, false, true])
        let bad = Self.toml.replacingOccurrences(of: "optional = true", with: "optional = \"yes\"")
        #expect(throws: ConfigError.self) { try Self.load(bad) }
        do { _ = try Self.load(bad) } catch let error as ConfigError {
            #expect(error.description == "c.toml:15: environments.staging.probes[2].optional: expected true or false, found string")
        }
    }

    @Test("warnings belong to their probe: none for a command connecting to nothing, postgres's for postgres")
    func warningsByProbe() throws {
        let staging = try Self.load()
        #expect(staging.warnings.count == 1)
        #expect(staging.connectionWarnings(probes: []).isEmpty)
        #expect(staging.connectionWarnings(probes: ["api"]).isEmpty)
        #expect(staging.connectionWarnings(probes: ["postgres"]) == staging.warnings)
        #expect(staging.connectionWarnings(probes: ["postgres"]).first?.contains("NOPE_UNSET_PASSWORD is not set") == true)
    }

    @Test("--probe picks names in file order; an unknown or empty list is one line naming the probes")
    func selection() throws {
        let staging = try Self.load()
        #expect(ProbeSelection.names(" postgres, api ,,") == ["postgres", "api"])
        #expect(try ProbeSelection.select(["postgres", "api"], from: staging).get().map(\.name) == ["api", "postgres"])
        guard case .failure(let problem) = ProbeSelection.select(["kafak"], from: staging) else { Issue.record("accepted"); return }
        #expect(problem.message == "no probe named 'kafak' in staging (probes: api, postgres, kafka)")
        guard case .failure = ProbeSelection.select([], from: staging) else { Issue.record("accepted nothing"); return }
    }

    @Test("the check's status and exit code ignore optional probes; JSON lists them and the optional ones down")
    func checkVerdict() throws {
        let staging = try Self.load()
        let now = Date(timeIntervalSince1970: 0)
        let samples = [ProbeSample(probe: "api", time: now, status: .up, latency: 0.001),
                       ProbeSample(probe: "postgres", time: now, status: .degraded, latency: 0.9),
                       ProbeSample(probe: "kafka", time: now, status: .down, latency: nil, error: "refused")]
        let report = CheckReport(environment: staging, checkedAt: now, samples: samples)
        #expect(report.status == .degraded)
        #expect(report.status.exitCode == 1)
        #expect(report.optionalDown == ["kafka"])
        let json = report.jsonText()
        #expect(json.contains(#""optional_down":["kafka"]"#))
        #expect(json.contains(#""name":"kafka","optional":true"#) || json.contains(#""optional":true"#))
        let onlyOptional = CheckReport(environment: staging, checkedAt: now, samples: [samples[2]])
        #expect(onlyOptional.status == .unknown, "nothing required was checked: not up")
    }

    @Test("a manifest record without origin reads as unknown; a new one round-trips origin and restoring")
    func backupOrigin() throws {
        let old = #"{"version":1,"backups":[{"file":"a.sql.gz","created":"2025-06-15T15:00:00.000Z","size":1,"sha256":"00","database":"d","server_version":"16","table_rows":{},"verified":true}]}"#
        let manifest = try BackupManifest.decode(Data(old.utf8))
        #expect(manifest.backups.first?.origin == nil)
        #expect(manifest.backups.first?.shownOrigin == .unknown)
        var record = try #require(manifest.backups.first)
        record.origin = .safety
        record.restoring = "b.sql.gz"
        let again = try BackupManifest.decode(BackupManifest(backups: [record]).encoded())
        #expect(again.backups.first?.origin == .safety)
        #expect(again.backups.first?.restoring == "b.sql.gz")
        #expect(BackupOrigin.safety.text(restoring: "b.sql.gz") == "safety before restore of b.sql.gz")
    }

    @Test("--version line: the number alone, or with the git revision when known")
    func versionLine() {
        #expect(TouchlineVersion.line(revision: nil) == "touchline \(TouchlineVersion.number)")
        #expect(TouchlineVersion.line(revision: "1a2b3c4") == "touchline \(TouchlineVersion.number) (git 1a2b3c4)")
        #expect(TouchlineVersion.number.split(separator: ".").count == 3)
    }
}
