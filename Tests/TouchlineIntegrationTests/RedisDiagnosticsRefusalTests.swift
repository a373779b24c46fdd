@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes

/// A Redis that refuses one diagnostics command shows that refusal in that section only: an ACL user without
/// `+slowlog`, `MEMORY` renamed away and `LATENCY` disabled with `rename-command`, each on a private redis-server.
@Suite("Redis diagnostics refusals", .serialized)
struct RedisDiagnosticsRefusalTests {
    private func probe(_ server: PrivateRedis, username: String? = nil) -> ProbeConfig {
        ProbeConfig(name: "redis", interval: 1, timeout: 1, latencyWarn: nil,
                    target: .redis(address: HostPort(host: "127.0.0.1", port: server.port),
                                   passwordEnv: username == nil ? nil : "DIAG_TEST_PASSWORD", username: username))
    }

    @Test("an ACL user lacking +slowlog: the SLOWLOG section holds the NOPERM line, every other section its figures")
    func aclWithoutSlowlog() throws {
        let server = try PrivateRedis()
        #expect(server.cli(["ACL", "SETUSER", "noslow", "on", ">diag-secret", "~*", "+@all", "-slowlog"]) == "OK")
        #expect(server.cli(["SET", "k", "v"]) == "OK")
        let reading = try RedisDiagnosticsReader.read(probe(server, username: "noslow"), environment: ["DIAG_TEST_PASSWORD": "diag-secret"]).get()
        #expect(reading.slowlog == .refused("SLOWLOG GET refused for user noslow: no permission to run 'slowlog|get' (ACL; grant it with ACL SETUSER … +slowlog|get)"))
        #expect(reading.latency.value != nil)
        #expect(reading.clients.value?.clients.contains { $0.name.hasPrefix("touchline-diagnostics-") } == true)
        #expect(reading.memoryDoctor.value?.isEmpty == false)
        #expect(reading.latencyDoctor.value?.isEmpty == false)
        #expect(reading.keyspace.value == [RedisKeyspaceDatabase(index: 0, keys: 1, expires: 0, averageTTLMilliseconds: 0)])
        let lines = RedisDiagnosticsLines.lines(reading, width: 200, now: Date())
        #expect(lines.filter { $0.kind == .problem }.map(\.text)
                == ["✖ SLOWLOG GET refused for user noslow: no permission to run 'slowlog|get' (ACL; grant it with ACL SETUSER … +slowlog|get)"])
    }

    @Test("MEMORY renamed away and LATENCY disabled (rename-command … \"\"): their sections say so; redis-info still exits 0")
    func renamedCommand() throws {
        let server = try PrivateRedis(["--rename-command", "MEMORY", "MEMORY-\(UUID().uuidString.prefix(6))",
                                       "--rename-command", "LATENCY", ""])
        let reading = try RedisDiagnosticsReader.read(probe(server), environment: [:]).get()
        let memory = try #require(reading.memoryDoctor.problem)
        #expect(memory.hasPrefix("MEMORY DOCTOR refused: ERR unknown command 'MEMORY'"), "\(memory)")
        #expect(memory.hasSuffix("(renamed or disabled with rename-command, or not in this Redis version)"))
        #expect(reading.latency.problem?.hasPrefix("LATENCY LATEST refused: ERR unknown command 'LATENCY'") == true, "\(reading.latency)")
        #expect(reading.latencyDoctor.problem?.hasPrefix("LATENCY DOCTOR refused: ERR unknown command 'LATENCY'") == true)
        #expect(reading.slowlog.value != nil && reading.clients.value != nil && reading.keyspace.value != nil)
        let config = try server.writeConfig()
        let result = ProcessRunner.runSeparately(FaultSupport.binary, ["redis-info", "--config", config], environment: [:], timeout: 30)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("✖ MEMORY DOCTOR refused: ERR unknown command 'MEMORY'"), "\(result.stdout)")
        #expect(result.stdout.contains("Latency doctor · LATENCY DOCTOR") && result.stdout.contains("Keyspace · INFO keyspace"))
    }

    @Test("a server that accepts and never answers: each command's deadline holds, the reading fails within the timeout")
    func silentServer() throws {
        let listener = try LocalListener(.respond([], keepOpen: true))
        let probe = ProbeConfig(name: "redis", interval: 1, timeout: 0.5, latencyWarn: nil,
                                target: .redis(address: HostPort(host: "127.0.0.1", port: listener.port), passwordEnv: nil))
        let start = Date()
        let result = RedisDiagnosticsReader.read(probe, environment: [:])
        #expect(Date().timeIntervalSince(start) < 1.5)
        guard case .failure(let failure) = result else { Issue.record("read a silent server"); return }
        #expect(failure.message == "timeout after 500ms", "\(failure.message)")
    }
}
