@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes

/// Redis diagnostics against the real stack's Redis: the slow log shows a command the test made and none of
/// touchline's own, the keyspace and CLIENT LIST figures match redis-cli's own answers, `touchline redis-info`'s
/// JSON and exit codes, and the incident snapshot's slow log and doctors' words.
extension RealStackSuite {
@Suite("Redis diagnostics on the real stack", .serialized)
struct RedisDiagnosticsStackTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private func cli(_ stack: TestStack, _ arguments: [String]) -> String {
        ProcessRunner.run("/usr/bin/redis-cli", ["-p", String(stack.redisPort)] + arguments, environment: [:], timeout: 10).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func probe(_ stack: TestStack) -> ProbeConfig {
        ProbeConfig(name: "redis", interval: 1, timeout: 2, latencyWarn: nil,
                    target: .redis(address: HostPort(host: "127.0.0.1", port: stack.redisPort), passwordEnv: nil))
    }

    @Test("SLOWLOG after CONFIG SET slowlog-log-slower-than 0: the test's SET is there, touchline's own commands are not")
    func slowlogShowsTheTestsCommand() throws {
        let stack = try stack()
        let before = cli(stack, ["CONFIG", "GET", "slowlog-log-slower-than"]).split(separator: "\n").last.map(String.init) ?? "10000"
        #expect(cli(stack, ["CONFIG", "SET", "slowlog-log-slower-than", "0"]) == "OK")
        defer { _ = cli(stack, ["CONFIG", "SET", "slowlog-log-slower-than", before]) }
        _ = cli(stack, ["SLOWLOG", "RESET"])
        // touchline's probe polls meanwhile: its INFO commands are logged too, under its client name.
        let checker = CheckerFactory.make(probe(stack), environment: [:])
        defer { checker.close() }
        for _ in 0..<2 { #expect(checker.check().status != .down) }
        let key = "diag-test-\(UUID().uuidString.prefix(8))"
        #expect(cli(stack, ["SET", key, "made-by-the-test"]) == "OK")
        let runner = HeadlessRunner(stack: stack)
        let result = runner.run(["redis-info", "--json"], config: try runner.writeConfig(), timeout: 30)
        #expect(result.code == 0, "\(result.stderr)")
        let json = try runner.json(result.stdout)
        let slowlog = try #require(json["slowlog"] as? [String: Any], "\(result.stdout)")
        let entries = try #require(slowlog["entries"] as? [[String: Any]])
        let ours = entries.first { ($0["arguments"] as? [String]) == ["SET", key, "made-by-the-test"] }
        #expect(ours != nil, "the test's SET is missing from \(entries.compactMap { $0["arguments"] as? [String] })")
        #expect(ours?["client_addr"] as? String != nil && (ours?["duration_us"] as? Int).map { $0 >= 0 } == true)
        #expect(entries.allSatisfy { !(($0["client_name"] as? String) ?? "").hasPrefix("touchline") })
        #expect((slowlog["touchline_own_left_out"] as? Int ?? 0) >= 2, "the probe's INFO and the reading's own commands")
        // redis-cli sees the probe's named entries the view left out.
        let raw = cli(stack, ["SLOWLOG", "GET", "128"])
        #expect(raw.contains("touchline-probe-\(getpid())"), "\(raw.prefix(2000))")
        // The text form names the command too.
        let text = runner.run(["redis-info"], config: try runner.writeConfig(), timeout: 30)
        #expect(text.code == 0)
        #expect(text.stdout.contains("SET \(key) made-by-the-test"), "\(text.stdout)")
    }

    @Test("every Redis connection touchline opens names itself touchline-…: the probe's, in redis-cli's CLIENT LIST")
    func probeConnectionIsNamed() throws {
        let stack = try stack()
        let checker = CheckerFactory.make(probe(stack), environment: [:])
        defer { checker.close() }
        #expect(checker.check().status != .down)
        let list = cli(stack, ["CLIENT", "LIST"])
        #expect(list.contains("name=touchline-probe-\(getpid()) "), "\(list)")
    }

    @Test("keyspace and CLIENT LIST figures match redis-cli's: keys, expires, named clients and their addresses, a blocked client")
    func figuresMatchRedisCLI() throws {
        let stack = try stack()
        let address = HostPort(host: "127.0.0.1", port: stack.redisPort)
        let holders = (0..<3).map { _ in RedisConnection(address: address, password: nil, username: nil, clientName: "diag-fixture") }
        defer { holders.forEach { $0.close() } }
        for holder in holders { try holder.open(deadline: Deadline(seconds: 2)) }
        let list = "diag-blocked-\(UUID().uuidString.prefix(6))"
        let blocked = try BackgroundProcess(["/usr/bin/redis-cli", "-p", String(stack.redisPort), "BLPOP", list, "20"], environment: [:])
        defer { blocked.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) { self.cli(stack, ["CLIENT", "LIST"]).contains("cmd=blpop") })
        let cliBefore = RedisClient.parse(list: cli(stack, ["CLIENT", "LIST"]))
        let keyspaceBefore = RedisKeyspaceDatabase.parse(info: cli(stack, ["INFO", "keyspace"]))
        let reading = try RedisDiagnosticsReader.read(probe(stack), environment: [:]).get()
        let cliAfter = RedisClient.parse(list: cli(stack, ["CLIENT", "LIST"]))
        let keyspaceAfter = RedisKeyspaceDatabase.parse(info: cli(stack, ["INFO", "keyspace"]))

        let databases = try #require(reading.keyspace.value)
        let db0 = try #require(databases.first { $0.index == 0 })
        let cliDb0 = [keyspaceBefore, keyspaceAfter].compactMap { $0.first { $0.index == 0 } }
        #expect(cliDb0.contains { $0.keys == db0.keys && $0.expires == db0.expires }, "ours \(db0), redis-cli \(cliDb0)")
        #expect(db0.keys > 0 && db0.expires > 0, "the stack seeds keys with TTLs")
        #expect(cliDb0.allSatisfy { abs($0.averageTTLMilliseconds - db0.averageTTLMilliseconds) <= max(5000, $0.averageTTLMilliseconds / 5) })

        let summary = try #require(reading.clients.value)
        #expect([cliBefore.count, cliAfter.count].contains(summary.total), "ours \(summary.total), redis-cli \(cliBefore.count)/\(cliAfter.count)")
        let fixtures = summary.clients.filter { $0.name == "diag-fixture" }
        #expect(summary.byName.first { $0.key == "diag-fixture" }?.count == 3)
        #expect(Set(fixtures.map(\.address)) == Set(cliBefore.filter { $0.name == "diag-fixture" }.map(\.address)))
        #expect(Set(fixtures.compactMap { holder in holders.compactMap(\.localAddress).first { $0 == holder.address } }).count == 3,
                "the addresses are the holders' own sockets")
        #expect(summary.blocked.map(\.command) == ["blpop"], "\(summary.blocked)")
        #expect(summary.blocked.map(\.id) == cliBefore.filter(\.blocked).map(\.id))
        #expect(summary.clients.contains { $0.name == "touchline-diagnostics-\(getpid())" && $0.command == "client|list" })
    }

    @Test("redis-info: unreachable server exits 1 with the reason; a probe of another kind or unknown exits 3")
    func exitCodes() throws {
        let stack = try stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        let closed = TestStack.freePort()
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "address = \"127.0.0.1:\(stack.redisPort)\"", with: "address = \"127.0.0.1:\(closed)\"")
        let unreachableConfig = config.replacingOccurrences(of: ".toml", with: "-closed.toml")
        try text.write(toFile: unreachableConfig, atomically: true, encoding: .utf8)
        let down = runner.run(["redis-info", "--json"], config: unreachableConfig, timeout: 30)
        #expect(down.code == 1, "\(down.stdout)\(down.stderr)")
        #expect(down.stderr.contains("connection refused (127.0.0.1:\(closed))"), "\(down.stderr)")
        let json = try runner.json(down.stdout)
        #expect(json["error"] as? String == "connection refused (127.0.0.1:\(closed))")
        let wrongKind = runner.run(["redis-info", "--probe", "api"], config: config, timeout: 30)
        #expect(wrongKind.code == 3)
        #expect(wrongKind.stderr == "touchline redis-info: --probe: 'api' is an http probe, not a redis one (redis probes: redis)\n",
                "\(wrongKind.stderr)")
        let unknown = runner.run(["redis-info", "--probe", "cache"], config: config, timeout: 30)
        #expect(unknown.code == 3)
        let named = runner.run(["redis-info", "--probe", "redis", "--json"], config: config, timeout: 30)
        #expect(named.code == 0, "\(named.stderr)")
        let document = try runner.json(named.stdout)
        for section in ["slowlog", "latency", "clients", "memory_doctor", "latency_doctor", "keyspace"] {
            #expect(document[section] is [String: Any], "\(section) in \(named.stdout.prefix(500))")
        }
        #expect(((document["memory_doctor"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
    }

    @Test("touchline snapshot keeps the slow log and the doctors' words (JSON and Markdown)")
    func snapshotKeepsDiagnostics() throws {
        let stack = try stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        let result = runner.run(["snapshot", "--json", "--output", runner.root + "/snapshots"], config: config, timeout: 60)
        #expect(result.code == 0, "\(result.stderr)")
        let paths = try runner.json(result.stdout)
        let jsonPath = try #require(paths["json"] as? String)
        let document = try runner.json(try String(contentsOfFile: jsonPath, encoding: .utf8))
        let redis = try #require((document["redis_diagnostics"] as? [[String: Any]])?.first, "\(document.keys)")
        #expect(redis["probe"] as? String == "redis")
        #expect((redis["slowlog"] as? [String: Any])?["entries"] is [Any])
        #expect(((redis["memory_doctor"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        #expect(((redis["latency_doctor"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        let markdown = try String(contentsOfFile: try #require(paths["markdown"] as? String), encoding: .utf8)
        #expect(markdown.contains("## Redis diagnostics: redis (127.0.0.1:\(stack.redisPort))"))
        #expect(markdown.contains("Memory doctor · MEMORY DOCTOR") && markdown.contains("Slow log · SLOWLOG GET 128"))
    }
}
}
