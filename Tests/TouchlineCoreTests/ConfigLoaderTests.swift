import Foundation
import Testing
@testable import TouchlineCore

@Suite("Config loader")
struct ConfigLoaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var badConfigs: [String] {
        let folder = fixtures.appendingPathComponent("bad-configs").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test("the shipped config.toml loads with staging and a protected production")
    func shippedConfigLoads() throws {
        let config = try ConfigLoader.load(path: Self.repositoryRoot.appendingPathComponent("config.toml").path,
                                           environment: ["STAGING_DB_PASSWORD": "x", "PROD_DB_PASSWORD": "y", "PROD_REDIS_PASSWORD": "z"])
        #expect(config.defaultEnvironment == "staging")
        #expect(config.environments.map(\.name) == ["staging", "production"])
        let staging = try #require(config.environment(named: nil))
        // The stack's services and the PromQL panels first, the optional probes the stack does not run last.
        #expect(staging.probes.map(\.name) == ["api", "postgres", "redis", "api-tls", "prometheus", "data-collection", "api-p95",
                                                "api-errors", "table-rows", "kafka", "mlflow", "grafana"])
        #expect(staging.probes[0].timeout == 2)
        #expect(staging.probes[0].latencyWarn == 0.5)
        #expect(staging.probes[4].interval == 5)
        #expect(staging.probes[2].interval == 1)
        // The api-tls probe's ca_file is the stack's CA, which `scripts/stack up` creates: before that (a fresh
        // clone) it is the one warning, never an error.
        let caFile = Self.repositoryRoot.appendingPathComponent(".stack/tls/ca.pem").path
        #expect(staging.warnings == (FileManager.default.fileExists(atPath: caFile) ? [] : [
            "\(Self.repositoryRoot.appendingPathComponent("config.toml").path):44: environments.staging.probes[3].ca_file: "
                + "warning: no such file: \(caFile); the probe is down until it exists",
        ]))
        let production = try #require(config.environment(named: "production"))
        #expect(production.protected)
        #expect(!staging.protected)
        guard case .http(let target) = staging.probes[0].target else { Issue.record("api is not http"); return }
        #expect(target.address == HostPort(host: "127.0.0.1", port: 8001))
        #expect(target.path == "/health")
        #expect(target.statusField == "status")
        #expect(staging.stateDirectory.hasSuffix("/.touchline/staging"))
        #expect(staging.stateDirectory.hasPrefix("/"))
    }

    @Test("a ca_file not there yet is a warning naming it, and the probe keeps the path; a directory is an error")
    func missingCAFileWarns() throws {
        let text = """
            default_environment = "s"
            [environments.s]
            label = "S"
            [[environments.s.probes]]
            name = "x"
            kind = "http"
            url = "https://127.0.0.1:8443/health"
            ca_file = "tls/ca.pem"
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/nonexistent-base", environment: [:])
        #expect(config.environments[0].warnings == [
            "c.toml:8: environments.s.probes[0].ca_file: warning: no such file: /nonexistent-base/tls/ca.pem; the probe is down until it exists",
        ])
        guard case .http(let target) = config.environments[0].probes[0].target else { Issue.record("not http"); return }
        #expect(target.tls.caFile == "/nonexistent-base/tls/ca.pem")
    }

    @Test("each malformed config gives one line naming file, line and key", arguments: badConfigs)
    func badConfigGivesOneLine(name: String) throws {
        let path = Self.fixtures.appendingPathComponent("bad-configs/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectLine = try #require(text.split(separator: "\n").first)
        let expected = expectLine.replacingOccurrences(of: "# expect: ", with: "")
        do {
            _ = try ConfigLoader.load(path: path, environment: [:])
            Issue.record("\(name) loaded without error")
        } catch let error as ConfigError {
            let line = error.description
            #expect(!line.contains("\n"), "\(name): message spans lines: \(line)")
            #expect(line.hasPrefix(path), "\(name): does not name the file: \(line)")
            #expect(line.contains(expected), "\(name): expected '\(expected)' in '\(line)'")
        }
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        #expect(throws: ConfigError(file: "/nonexistent/touchline.toml", line: nil, key: nil, message: "config file not found")) {
            try ConfigLoader.load(explicit: "/nonexistent/touchline.toml", environment: [:])
        }
        #expect(throws: ConfigError(file: "/nonexistent/env.toml", line: nil, key: nil,
                                    message: "config file not found (named by $TOUCHLINE_CONFIG)")) {
            try ConfigLoader.load(explicit: nil, environment: ["TOUCHLINE_CONFIG": "/nonexistent/env.toml"])
        }
    }

    @Test("lookup order: --config, $TOUCHLINE_CONFIG, ./config.toml, $XDG_CONFIG_HOME")
    func lookupOrder() {
        #expect(ConfigLoader.candidates(explicit: "a.toml", environment: ["TOUCHLINE_CONFIG": "b.toml"]) == ["a.toml"])
        #expect(ConfigLoader.candidates(explicit: nil, environment: ["TOUCHLINE_CONFIG": "b.toml"]) == ["b.toml"])
        #expect(ConfigLoader.candidates(explicit: nil, environment: ["XDG_CONFIG_HOME": "/x"])
                == ["config.toml", "/x/touchline/config.toml"])
        #expect(ConfigLoader.candidates(explicit: nil, environment: ["HOME": "/home/u"])
                == ["config.toml", "/home/u/.config/touchline/config.toml"])
    }

    @Test("an unset password variable is a warning naming the line, not an error")
    func unsetPasswordWarns() throws {
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "db"
            kind = "postgres"
            dsn = "host=127.0.0.1"
            password_env = "NOPE_UNSET"
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        let staging = try #require(config.environment(named: nil))
        #expect(staging.warnings == ["c.toml:6: environments.staging.probes[0].password_env: warning: environment variable NOPE_UNSET is not set; connecting without a password"])
        let quiet = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: ["NOPE_UNSET": "x"])
        #expect(quiet.environments[0].warnings.isEmpty)
    }

    @Test("defaults: label is the upper-cased name, interval 1s, timeout 2s, state_dir under the config's folder")
    func defaults() throws {
        let text = """
            [environments.qa]
            [[environments.qa.probes]]
            name = "k"
            kind = "tcp"
            address = "[::1]:9092"
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/etc/touchline", environment: [:])
        let qa = config.environments[0]
        #expect(config.defaultEnvironment == "qa")
        #expect(config.theme == "default")
        #expect(qa.label == "QA")
        #expect(qa.interval == 1)
        #expect(qa.probes[0].timeout == 2)
        #expect(qa.probes[0].target == .tcp(HostPort(host: "::1", port: 9092)))
        #expect(qa.stateDirectory == "/etc/touchline/.touchline/qa")
    }

    @Test("action tables are accepted and kept for the actions")
    func actionTablesAccepted() throws {
        let text = """
            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = "host=db dbname=app user=app"
            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:8001/health"
            version_field = "version"
            [environments.staging.backup]
            probe = "postgres"
            directory = "backups/staging"
            [environments.staging.restart.api]
            command = ["scripts/stack", "restart", "api"]
            [environments.staging.rollback]
            probe = "api"
            list_command = ["scripts/stack", "releases"]
            command = ["scripts/stack", "deploy", "{release}"]
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        #expect(Set(config.environments[0].actionTables.keys) == ["backup", "restart", "rollback"])
        // Parsed once, at load: the actions hold the tables' meaning.
        let actions = config.environments[0].actions
        #expect(actions.backup?.probe == "postgres")
        #expect(actions.restarts["api"]?.command == ["scripts/stack", "restart", "api"])
        #expect(actions.rollback?.command(for: "1.5.0") == ["scripts/stack", "deploy", "1.5.0"])
        #expect(actions.rehearsal == nil)
    }

    @Test("environments keep the order of the file")
    func environmentOrder() throws {
        let text = """
            [environments.zulu]
            [environments.alpha]
            [environments.mike]
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        #expect(config.environments.map(\.name) == ["zulu", "alpha", "mike"])
    }
}

@Suite("Config: keys and thresholds")
struct ConfigKeysTests {
    @Test("[keys] rebinds actions and [thresholds] sets the latency pane's limits")
    func rebinding() throws {
        let text = """
            [environments.staging]
            [keys]
            quit = ["x", "esc"]
            refresh = "space"
            [thresholds]
            p95 = "500ms"
            error_rate = 0.01
            """
        let config = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
        #expect(config.bindings.action(for: .character("x")) == .quit)
        #expect(config.bindings.action(for: .character("q")) == nil)
        #expect(config.bindings.action(for: .character(" ")) == .refresh)
        #expect(config.bindings.action(for: .character("p")) == .pause)
        #expect(config.thresholds.p95 == 0.5)
        #expect(config.thresholds.average == 2)
        #expect(config.thresholds.errorRate == 0.01)
    }
}
