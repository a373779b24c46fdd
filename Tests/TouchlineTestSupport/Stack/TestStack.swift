import Foundation
import Glibc
import TouchlineCore

/// A real stack (PostgreSQL, Redis, the API stand-in, Prometheus, Alertmanager and the two exporters) started by `scripts/stack` on free loopback
/// ports in a folder of its own, once per test process, and destroyed when the process exits.
final class TestStack: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let directory: String
    let apiPort: Int
    /// The HTTPS API stand-in's port (`STACK_API_TLS_PORT`).
    let apiTLSPort: Int
    let postgresPort: Int
    let redisPort: Int
    /// Prometheus's port (`STACK_PROM_PORT`); it scrapes the API and both exporters every second.
    let prometheusPort: Int
    /// Alertmanager's port (`STACK_ALERTMANAGER_PORT`); Prometheus sends its alerts there.
    let alertmanagerPort: Int
    /// postgres_exporter's port (`STACK_PG_EXPORTER_PORT`).
    let postgresExporterPort: Int
    /// redis_exporter's port (`STACK_REDIS_EXPORTER_PORT`).
    let redisExporterPort: Int
    let password = "it-secret-\(getpid())"

    /// The stack, started on first use; nil (with the reason printed) if it cannot start here.
    static let shared: Result<TestStack, StackError> = {
        let stack = TestStack()
        let (code, output) = stack.run(["up"], timeout: 900)
        guard code == 0 else { return .failure(StackError(message: "scripts/stack up failed (\(code)):\n\(output)")) }
        stack.destroyWhenProcessEnds()
        return .success(stack)
    }()

    struct StackError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private init() {
        directory = "/tmp/touchline-it-\(getpid())"
        apiPort = Self.freePort()
        apiTLSPort = Self.freePort()
        postgresPort = Self.freePort()
        redisPort = Self.freePort()
        prometheusPort = Self.freePort()
        alertmanagerPort = Self.freePort()
        postgresExporterPort = Self.freePort()
        redisExporterPort = Self.freePort()
    }

    /// Prometheus's base URL, e.g. `http://127.0.0.1:PORT`.
    var prometheusURL: String { "http://127.0.0.1:\(prometheusPort)" }

    /// Alertmanager's base URL (its API v2 is under `/api/v2`).
    var alertmanagerURL: String { "http://127.0.0.1:\(alertmanagerPort)" }

    /// Starts a detached watcher that destroys the stack once this test process is gone, however it ends.
    private func destroyWhenProcessEnds() {
        let script = Self.repositoryRoot.appendingPathComponent("scripts/stack").path
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; exec \"$0\" destroy", script]
        watcher.environment = environment
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        watcher.standardInput = FileHandle.nullDevice
        try? watcher.run()
    }

    /// The environment for `scripts/stack` and for probes (the DB password).
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["STACK_DIR"] = directory
        env["STACK_API_PORT"] = String(apiPort)
        env["STACK_API_TLS_PORT"] = String(apiTLSPort)
        env["STACK_PG_PORT"] = String(postgresPort)
        env["STACK_REDIS_PORT"] = String(redisPort)
        env["STACK_PROM_PORT"] = String(prometheusPort)
        env["STACK_ALERTMANAGER_PORT"] = String(alertmanagerPort)
        env["STACK_PG_EXPORTER_PORT"] = String(postgresExporterPort)
        env["STACK_REDIS_EXPORTER_PORT"] = String(redisExporterPort)
        env["STACK_VENV"] = Self.repositoryRoot.appendingPathComponent(".stack/venv").path
        env["STAGING_DB_PASSWORD"] = password
        env.removeValue(forKey: "STAGING_REDIS_PASSWORD")
        return env
    }

    /// Runs `scripts/stack ARGS`, returning its exit code and combined output.
    @discardableResult
    func run(_ arguments: [String], timeout: Double = 120) -> (Int32, String) {
        ProcessRunner.run(Self.repositoryRoot.appendingPathComponent("scripts/stack").path, arguments,
                          environment: environment, timeout: timeout)
    }

    /// The stack's private CA (`scripts/stack` creates it at `up`): it signs the HTTPS API's and PostgreSQL's certificate.
    var caFile: String { "\(directory)/tls/ca.pem" }

    /// Waits (up to `seconds`) until the API answers 20 requests in a row, each on a new connection: a test
    /// that measures errors starts from a settled stack, not from an earlier test's restart still under way.
    @discardableResult
    func waitUntilAPISteady(seconds: Double = 30) -> Bool {
        let url = "http://127.0.0.1:\(apiPort)/health"
        let end = Date().addingTimeInterval(seconds)
        var streak = 0
        while streak < 20 && Date() < end {
            let (code, _) = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "-m", "2", url], environment: environment, timeout: 5)
            streak = code == 0 ? streak + 1 : 0
            if code != 0 { Thread.sleep(forTimeInterval: 0.2) }
        }
        return streak >= 20
    }

    /// Runs one SQL statement as the superuser and returns its single value.
    func adminQuery(_ sql: String) -> String {
        run(["admin-psql", "-XAtqc", sql]).1.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A config.toml text whose staging environment points at this stack.
    func configText(apiTimeout: String = "2s", extraProbes: String = "") -> String {
        """
        default_environment = "staging"
        [environments.staging]
        label = "STAGING"
        interval = "1s"
        state_dir = "\(directory)/touchline-state"

        [environments.staging.backup]
        probe = "postgres"
        directory = "\(directory)/dashboard-backups"

        [environments.staging.rollback]
        probe = "api"
        list_command = ["\(Self.repositoryRoot.appendingPathComponent("scripts/stack").path)", "releases"]
        command = ["\(Self.repositoryRoot.appendingPathComponent("scripts/stack").path)", "rollback", "{release}"]
        wait_healthy = "30s"

        [environments.staging.restart.api]
        command = ["\(Self.repositoryRoot.appendingPathComponent("scripts/stack").path)", "restart", "api"]
        wait_healthy = "20s"

        [[environments.staging.probes]]
        name = "api"
        kind = "http"
        url = "http://127.0.0.1:\(apiPort)/health"
        timeout = "\(apiTimeout)"
        expect_status = [200]
        status_field = "status"
        version_field = "version"

        [[environments.staging.probes]]
        name = "postgres"
        kind = "postgres"
        dsn = "host=127.0.0.1 port=\(postgresPort) dbname=football_prediction_staging user=football_staging_user"
        password_env = "STAGING_DB_PASSWORD"
        timeout = "2s"

        [[environments.staging.probes]]
        name = "redis"
        kind = "redis"
        address = "127.0.0.1:\(redisPort)"
        timeout = "1s"
        \(extraProbes)
        """
    }

    /// The environment of ``configText(apiTimeout:extraProbes:)``, parsed.
    func staging(apiTimeout: String = "2s") throws -> EnvironmentConfig {
        let config = try ConfigLoader.parse(configText(apiTimeout: apiTimeout), file: "test.toml",
                                            baseDirectory: directory, environment: environment)
        return config.environments[0]
    }

    /// Writes the config to a file and returns its path.
    func writeConfig(apiTimeout: String = "2s", extraProbes: String = "") throws -> String {
        let path = "\(directory)/touchline-\(UUID().uuidString.prefix(8)).toml"
        try configText(apiTimeout: apiTimeout, extraProbes: extraProbes).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A TCP port nobody listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
