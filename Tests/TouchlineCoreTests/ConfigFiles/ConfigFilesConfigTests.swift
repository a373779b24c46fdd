import Testing
import TouchlineCore

/// `[environments.NAME.config_files]`: paths resolved against the config file's folder, defaults, errors naming the key.
@Suite("config_files table")
struct ConfigFilesConfigTests {
    func load(_ table: String) throws -> EnvironmentConfig {
        let text = """
            [environments.staging]
            state_dir = "/var/lib/touchline/staging"
            [[environments.staging.probes]]
            name = "api"
            kind = "tcp"
            address = "127.0.0.1:1"
            [environments.staging.config_files]
            \(table)
            """
        return try ConfigLoader.parse(text, file: "/etc/touchline/config.toml", baseDirectory: "/etc/touchline", environment: [:])
            .environments[0]
    }

    @Test("relative paths are under the config file's folder; the directory defaults to STATE_DIR/config-snapshots; keep 50")
    func defaults() throws {
        let config = try #require(try load("paths = [\".env.staging\", \"/opt/app/docker-compose.staging.yml\"]").actions.configFiles)
        #expect(config.paths == ["/etc/touchline/.env.staging", "/opt/app/docker-compose.staging.yml"])
        #expect(config.directory == "/var/lib/touchline/staging/config-snapshots")
        #expect(config.keep == 50 && config.applyCommand == nil && config.probe == nil)
    }

    @Test("apply_command, probe, keep and directory are read")
    func full() throws {
        let config = try #require(try load("""
            paths = ["a.env"]
            directory = "snaps"
            keep = 5
            apply_command = ["docker", "compose", "up", "-d"]
            probe = "api"
            wait_healthy = "30s"
            """).actions.configFiles)
        #expect(config.directory == "/etc/touchline/snaps" && config.keep == 5 && config.waitHealthy == 30)
        #expect(config.applyCommand == ["docker", "compose", "up", "-d"] && config.probe?.name == "api")
    }

    @Test("bad tables are one error naming the key", arguments: [
        ("paths = []", "config_files"),
        ("paths = [\"a\"]\nkeep = 0", "config_files.keep"),
        ("paths = [\"a\"]\nprobe = \"nope\"", "config_files.probe"),
        ("paths = [\"a\"]\napply_command = []", "config_files.apply_command"),
        ("paths = [\"a\"]\ncolour = 1", "config_files.colour"),
    ])
    func errors(table: String, key: String) {
        #expect(throws: ConfigError.self) { try load(table) }
        do { _ = try load(table) } catch let error as ConfigError {
            #expect(error.key?.hasSuffix(key) == true, "\(error.description)")
        } catch {}
    }
}
