import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// A Redis older than 3.2 prints no `maxmemory` in INFO. No such server can be installed here, so a
/// local listener speaks RESP as Redis 3.0 did: INFO without `maxmemory`, `CONFIG GET` with the limit.
@Suite("Redis without maxmemory in INFO")
struct RedisMaxmemoryFallbackTests {
    /// INFO as Redis 3.0.7 writes it: used memory near 1 GiB, keys being evicted, no maxmemory fields.
    static let oldInfo = """
        # Server\r
        redis_version:3.0.7\r
        uptime_in_seconds:86400\r
        # Clients\r
        connected_clients:12\r
        blocked_clients:0\r
        # Memory\r
        used_memory:1020054732\r
        used_memory_rss:1071644672\r
        used_memory_peak:1073741000\r
        mem_fragmentation_ratio:1.05\r
        # Persistence\r
        loading:0\r
        rdb_last_bgsave_status:ok\r
        aof_enabled:0\r
        aof_last_write_status:ok\r
        # Stats\r
        instantaneous_ops_per_sec:5000\r
        keyspace_hits:900\r
        keyspace_misses:100\r
        evicted_keys:48210\r
        expired_keys:10\r
        # Replication\r
        role:master\r
        connected_slaves:0\r

        """

    /// A listener answering INFO with ``oldInfo`` and CONFIG GET from `config` (an error when nil).
    private func oldRedis(config: [String: String]?) throws -> LocalListener {
        try LocalListener(.resp { command in
            switch command.first?.uppercased() {
            case "INFO": return RESPCommand.bulk(Self.oldInfo)
            case "CONFIG":
                guard let config else { return RESPCommand.error("ERR unknown command 'CONFIG'") }
                let name = command.count > 2 ? command[2] : ""
                return RESPCommand.array(config[name].map { [name, $0] } ?? [])
            default: return RESPCommand.error("ERR unknown command '\(command.first ?? "")'")
            }
        })
    }

    private func probe(_ port: Int) -> ProbeConfig {
        ProbeConfig(name: "redis", interval: 1, timeout: 1, latencyWarn: nil,
                    target: .redis(address: HostPort(host: "127.0.0.1", port: port), passwordEnv: nil))
    }

    private func checkJSON(port: Int) throws -> (code: Int32, metrics: [String: Any]?, output: String) {
        let directory = "/tmp/touchline-oldredis-\(getpid())-\(port)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = "\(directory)/touchline.toml"
        try """
            [environments.t]
            state_dir = "\(directory)/state"

            [[environments.t.probes]]
            name = "redis"
            kind = "redis"
            address = "127.0.0.1:\(port)"
            timeout = "1s"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", config, "--json"], environment: [:], timeout: 15)
        return (run.code, FaultSupport.probe("redis", in: run.stdout)?["metrics"] as? [String: Any], run.stdout + run.stderr)
    }

    @Test("INFO without maxmemory: the limit comes from CONFIG GET maxmemory (1 GiB), and 95% of it while evicting is degraded")
    func limitFromConfigGet() throws {
        let listener = try oldRedis(config: ["maxmemory": "1073741824", "maxmemory-policy": "allkeys-lru"])
        defer { listener.stop() }
        let checker = CheckerFactory.make(probe(listener.port), environment: [:])
        defer { checker.close() }
        let sample = checker.check()
        guard case .redis(let redis) = sample.metrics else { Issue.record("no metrics: \(sample.error ?? "")"); return }
        #expect(redis.maxmemory == 1_073_741_824)
        #expect(redis.maxmemoryPolicy == "allkeys-lru")
        #expect(sample.status == .degraded)
        #expect(sample.error == "memory at 94% of maxmemory 1.0 GiB, 48210 keys evicted since start (allkeys-lru)", "\(sample.error ?? "")")

        let check = try checkJSON(port: listener.port)
        #expect(check.code == 1, "\(check.output)")
        #expect(check.metrics?["maxmemory"] as? Int == 1_073_741_824, "\(check.output)")
    }

    @Test("INFO without maxmemory and CONFIG refused: the limit is unknown (JSON null, `limit unknown`), never 0")
    func limitUnknown() throws {
        let listener = try oldRedis(config: nil)
        defer { listener.stop() }
        let checker = CheckerFactory.make(probe(listener.port), environment: [:])
        defer { checker.close() }
        let sample = checker.check()
        guard case .redis(let redis) = sample.metrics else { Issue.record("no metrics: \(sample.error ?? "")"); return }
        #expect(redis.maxmemory == nil)
        #expect(sample.status == .up, "\(sample.error ?? "")")
        #expect(SampleSummary.detail(sample).hasPrefix("mem 972.8 MiB/limit unknown"), "\(SampleSummary.detail(sample))")

        let check = try checkJSON(port: listener.port)
        #expect(check.code == 0, "\(check.output)")
        #expect(check.metrics?.keys.contains("maxmemory") == true)
        #expect(check.metrics?["maxmemory"] is NSNull, "\(check.output)")
    }
}
