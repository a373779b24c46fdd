@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// Redis ACL users against a private redis-server (default user off, users made with `ACL SETUSER`):
/// `username` sends `AUTH username password`, and every refusal is put into words.
@Suite("Redis ACL users", .serialized)
final class RedisACLTests {
    private let port = TestStack.freePort()
    private let directory = "/tmp/touchline-acl-\(getpid())-\(UUID().uuidString.prefix(6))"
    private let server: BackgroundProcess
    private let password = "acl-secret-\(getpid())"

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        server = try BackgroundProcess(["/usr/bin/redis-server", "--port", String(port), "--bind", "127.0.0.1",
                                        "--save", "", "--appendonly", "no", "--dir", directory], environment: [:])
        let ready = FaultSupport.waitUntil(seconds: 10) { self.cli(["PING"]) == "PONG" }
        try #require(ready, "redis-server did not start: \(server.output)")
        for rule in [["monitor", "on", ">\(password)", "~*", "+@all"],
                     ["limited", "on", ">\(password)", "~*", "+@all", "-info"],
                     ["retired", "off", ">\(password)", "~*", "+@all"]] {
            try #require(cli(["ACL", "SETUSER"] + rule) == "OK")
        }
        try #require(cli(["ACL", "SETUSER", "default", "off"]) == "OK")
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// redis-cli against the private server: as the default user until it is off, then as `monitor`.
    private func cli(_ arguments: [String]) -> String {
        var environment: [String: String] = [:]
        var options = ["-p", String(port)]
        if ProcessRunner.run("/usr/bin/redis-cli", options + ["PING"], environment: [:], timeout: 5).1.contains("NOAUTH") {
            options += ["--user", "monitor"]
            environment["REDISCLI_AUTH"] = password
        }
        return ProcessRunner.run("/usr/bin/redis-cli", options + arguments, environment: environment, timeout: 5).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func configText(username: String?, passwordEnv: String?) -> String {
        """
        default_environment = "staging"
        [environments.staging]
        label = "STAGING"
        [[environments.staging.probes]]
        name = "redis"
        kind = "redis"
        address = "127.0.0.1:\(port)"
        timeout = "1s"
        \(username.map { "username = \"\($0)\"" } ?? "")
        \(passwordEnv.map { "password_env = \"\($0)\"" } ?? "")
        """
    }

    /// One check of a fresh checker built from the config text, as `touchline check` builds it.
    private func check(username: String?, password: String?) throws -> ProbeSample {
        let environment = password.map { ["ACL_TEST_PASSWORD": $0] } ?? [:]
        let config = try ConfigLoader.parse(configText(username: username, passwordEnv: password == nil ? nil : "ACL_TEST_PASSWORD"),
                                            file: "acl.toml", baseDirectory: directory, environment: environment)
        let probe = try #require(config.environments.first?.probes.first)
        #expect(probe.target == .redis(address: HostPort(host: "127.0.0.1", port: port), passwordEnv: password == nil ? nil : "ACL_TEST_PASSWORD",
                                       username: username))
        let checker = CheckerFactory.make(probe, environment: environment)
        defer { checker.close() }
        return checker.check()
    }

    @Test("an ACL user with its password, the default user off: up with INFO's figures")
    func aclUserIsUp() throws {
        let sample = try check(username: "monitor", password: password)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        guard case .redis(let redis) = sample.metrics else { Issue.record("no metrics: \(sample.error ?? "")"); return }
        #expect(redis.connectedClients >= 1)
    }

    @Test("a wrong password or a disabled user: AUTH refused for that user, in words, without the password")
    func wrongPasswordOrDisabled() throws {
        let wrong = try check(username: "monitor", password: "not-\(password)")
        #expect(wrong.status == .down)
        #expect(wrong.error == "AUTH refused for user monitor: wrong password or user disabled", "\(wrong.error ?? "")")
        #expect(wrong.error?.contains(password) == false)
        let disabled = try check(username: "retired", password: password)
        #expect(disabled.status == .down)
        #expect(disabled.error == "AUTH refused for user retired: wrong password or user disabled", "\(disabled.error ?? "")")
        let unknown = try check(username: "nobody", password: password)
        #expect(unknown.error == "AUTH refused for user nobody: wrong password or user disabled", "\(unknown.error ?? "")")
    }

    @Test("a password without username authenticates the default user, which has none (nopass, off): said so, username suggested")
    func defaultUserWithoutPassword() throws {
        let sample = try check(username: nil, password: password)
        #expect(sample.status == .down)
        #expect(sample.error == "AUTH refused for the default user: the server sets no password for it (set username for an ACL user, or remove password_env)",
                "\(sample.error ?? "")")
    }

    @Test("a wrong password for a default user that has one: AUTH refused for the default user, in words")
    func defaultUserWrongPassword() throws {
        #expect(cli(["ACL", "SETUSER", "default", "on", ">default-\(password)"]) == "OK")
        defer { _ = cli(["ACL", "SETUSER", "default", "off", "resetpass", "nopass"]) }
        let wrong = try check(username: nil, password: password)
        #expect(wrong.error == "AUTH refused for the default user: wrong password or user disabled", "\(wrong.error ?? "")")
        let right = try check(username: nil, password: "default-\(password)")
        #expect(right.status == .up, "\(right.error ?? "")")
    }

    @Test("no credentials against a server that requires them: INFO refused, authentication required")
    func noCredentials() throws {
        let sample = try check(username: nil, password: nil)
        #expect(sample.status == .down)
        #expect(sample.error == "INFO refused: the server requires authentication (set password_env, and username for an ACL user)",
                "\(sample.error ?? "")")
    }

    @Test("a user that may not run INFO: the refused command named (NOPERM)")
    func userWithoutInfo() throws {
        let sample = try check(username: "limited", password: password)
        #expect(sample.status == .down)
        #expect(sample.error == "INFO refused for user limited: no permission to run 'info' (ACL; grant it with ACL SETUSER … +info)",
                "\(sample.error ?? "")")
    }

    @Test("touchline check with username and password_env: exit 0, redis up, the password in no output")
    func checkCommand() throws {
        let path = "\(directory)/acl.toml"
        try configText(username: "monitor", passwordEnv: "ACL_TEST_PASSWORD").write(toFile: path, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["ACL_TEST_PASSWORD"] = password
        let result = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", path, "--json"],
                                                 environment: environment, timeout: 15)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(FaultSupport.probe("redis", in: result.stdout)?["status"] as? String == "up", "\(result.stdout)")
        #expect(!(result.stdout + result.stderr).contains(password))
    }

    @Test("tls = true on a redis probe: refused at load, one line naming file, line and key, exit 3")
    func tlsRefusedAtLoad() throws {
        let path = "\(directory)/tls.toml"
        try (configText(username: "monitor", passwordEnv: nil) + "\ntls = true\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", path], environment: [:], timeout: 15)
        #expect(result.code == 3, "\(result.stdout)\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(path):11: environments.staging.probes[0].tls: Redis over TLS is not supported"),
                "\(result.stderr)")
        #expect(result.stderr.contains("hiredis"), "\(result.stderr)")
    }
}
