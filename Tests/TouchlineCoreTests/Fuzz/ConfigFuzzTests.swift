import Foundation
import Testing
@testable import TouchlineCore

/// The shipped config.toml broken a few hundred ways (seeded, so every run is the same): each either
/// loads or fails with one ConfigError line that starts with the file's path — never a crash or a hang.
/// The action tables (backup, restart, rollback, rehearsal) are parsed too, as the commands do.
@Suite("Config fuzzing")
struct ConfigFuzzTests {
    static let iterations = 400
    static let environment = ["STAGING_DB_PASSWORD": "x", "PROD_DB_PASSWORD": "y", "PROD_REDIS_PASSWORD": "z"]

    /// Loads `path` as the commands would; nil when it loads, else the error as one would print it.
    private func load(_ path: String) -> String? {
        do {
            let config = try ConfigLoader.load(path: path, environment: Self.environment)
            for environment in config.environments {
                if environment.actionTables["backup"] != nil {
                    _ = try BackupConfigParser.parse(environment: environment, configFile: path)
                }
                _ = try RestartConfigParser.parse(environment: environment, configFile: path)
                _ = try RollbackConfigParser.parse(environment: environment, configFile: path)
                if environment.actionTables["rehearsal"] != nil {
                    _ = try RehearsalConfigParser.parse(environment: environment, configFile: path)
                }
            }
            return nil
        } catch let error as ConfigError {
            return error.description
        } catch {
            return "NOT A ConfigError: \(type(of: error)) \(error)"
        }
    }

    @Test("a few hundred mutations of the shipped config.toml: each loads or gives one line naming the file")
    func mutations() throws {
        let shipped = ConfigLoaderTests.repositoryRoot.appendingPathComponent("config.toml").path
        let original = try #require(FileManager.default.contents(atPath: shipped)).map { $0 }
        let folder = NSTemporaryDirectory() + "touchline-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var mutator = ConfigMutator(seed: 0x70C4_11CE)
        var loaded = 0
        var failures: [String] = []
        for iteration in 0..<Self.iterations {
            let (bytes, applied) = mutator.mutate(original)
            let path = "\(folder)/config-\(iteration).toml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let start = Date()
            let result = load(path)
            let seconds = Date().timeIntervalSince(start)
            if seconds > 1 { failures.append("#\(iteration) \(applied): took \(seconds) s") }
            if let line = result {
                if line.contains("\n") || line.contains("\r") || !line.hasPrefix(path) || line.hasPrefix("NOT A") {
                    failures.append("#\(iteration) \(applied): \(line.debugDescription)")
                    try? FileManager.default.copyItem(atPath: path, toPath: "\(folder)-failure-\(iteration).toml")
                }
            } else {
                loaded += 1
            }
        }
        #expect(failures.isEmpty, "\(failures.count) bad outcomes:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(loaded > 0 && loaded < Self.iterations, "loaded \(loaded) of \(Self.iterations): the mutations are too weak or too strong")
    }
}
