import Foundation
import Testing
@testable import TouchlineCore

@Suite("Backup config parser")
struct BackupConfigParserTests {
    /// Writes `backupTable` under a staging environment with a postgres and an http probe into a file of a
    /// fresh folder; returns the loaded environment and the file's path.
    private func load(_ backupTable: String, dsn: String = "host=127.0.0.1 port=5433 dbname=app user=app_user") throws
        -> (EnvironmentConfig, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.toml").path
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = "\(dsn)"
            password_env = "STAGING_DB_PASSWORD"

            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:8001/health"

            [environments.staging.backup]
            \(backupTable)
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["STAGING_DB_PASSWORD": "x"])
        return (config.environments[0], path)
    }

    /// The problem of `backupTable`: action tables are parsed when the config is loaded, so the load reports it.
    private func problem(_ backupTable: String, dsn: String = "host=127.0.0.1 dbname=app") throws -> ConfigError? {
        do {
            let (environment, path) = try load(backupTable, dsn: dsn)
            _ = try BackupConfigParser.parse(environment: environment, configFile: path)
            return nil
        } catch let error as ConfigError {
            return error
        }
    }

    @Test("reads probe, directory relative to the config file, keep_days and timeout")
    func readsEverything() throws {
        let (environment, path) = try load("""
            probe = "postgres"
            directory = "backups/staging"
            keep_days = 3
            timeout = "10m"
            """)
        let config = try BackupConfigParser.parse(environment: environment, configFile: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        #expect(config.environment == "staging")
        #expect(config.probe == "postgres")
        #expect(config.dsn == "host=127.0.0.1 port=5433 dbname=app user=app_user")
        #expect(config.passwordEnv == "STAGING_DB_PASSWORD")
        #expect(config.directory == folder + "/backups/staging")
        #expect(config.keepDays == 3)
        #expect(config.timeout == 600)
    }

    @Test("keep_days defaults to 7, timeout to an hour, directory to backups/NAME; absolute directories stay")
    func defaults() throws {
        let (environment, path) = try load("probe = \"postgres\"")
        let config = try BackupConfigParser.parse(environment: environment, configFile: path)
        #expect(config.keepDays == 7)
        #expect(config.timeout == 3600)
        #expect(config.directory.hasSuffix("/backups/staging"))
        let (absolute, absolutePath) = try load("probe = \"postgres\"\ndirectory = \"/var/backups/tl/../touchline\"")
        #expect(try BackupConfigParser.parse(environment: absolute, configFile: absolutePath).directory == "/var/backups/touchline")
    }

    @Test("an unknown key names its path and line")
    func unknownKey() throws {
        let error = try #require(try problem("probe = \"postgres\"\nkeep = 3"))
        #expect(error.key == "environments.staging.backup.keep")
        #expect(error.message.contains("unknown key 'keep'"))
        #expect(error.message.contains("keep_days"))
        #expect(error.line == 15)
    }

    @Test("the probe must exist and be a postgres probe")
    func probeMustBePostgres() throws {
        let missing = try #require(try problem("probe = \"db\""))
        #expect(missing.key == "environments.staging.backup.probe")
        #expect(missing.message.contains("no probe named 'db'"))
        #expect(missing.message.contains("postgres, api"))
        let wrongKind = try #require(try problem("probe = \"api\""))
        #expect(wrongKind.message.contains("is an http probe"))
        let absent = try #require(try problem("directory = \"b\""))
        #expect(absent.message.contains("missing required key 'probe'"))
    }

    @Test("keep_days must be a positive integer")
    func keepDaysPositive() throws {
        #expect(try problem("probe = \"postgres\"\nkeep_days = 0")?.key == "environments.staging.backup.keep_days")
        #expect(try problem("probe = \"postgres\"\nkeep_days = -2")?.message.contains("positive") == true)
        #expect(try problem("probe = \"postgres\"\nkeep_days = \"7\"")?.message.contains("expected an integer") == true)
    }

    @Test("a password inside the probe's dsn is refused: it would reach pg_dump's argv")
    func passwordInDSN() throws {
        let error = try #require(try problem("probe = \"postgres\"", dsn: "host=db dbname=app password=hunter2"))
        #expect(error.message.contains("holds a password"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test("an environment without a backup table is a config error saying what to add")
    func noTable() throws {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: [])
        #expect(throws: ConfigError.self) { try BackupConfigParser.parse(environment: environment, configFile: "c.toml") }
        do {
            _ = try BackupConfigParser.parse(environment: environment, configFile: "c.toml")
        } catch {
            #expect(error.key == "environments.staging.backup")
            #expect(error.line == nil)
            #expect(error.message.contains("[environments.staging.backup]"))
        }
    }
}
