import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Reconnect once and retry (`ReconnectOnce`): a kept connection the server closed between two polls costs a
/// fresh connect within the same deadline, not a `down` sample.
@Suite("Reconnect once and retry")
struct ReconnectOnceTests {
    /// INFO as a Redis 7 with no memory limit writes it.
    static let info = """
        # Server\r
        redis_version:7.2.4\r
        uptime_in_seconds:86400\r
        # Clients\r
        connected_clients:3\r
        blocked_clients:0\r
        # Memory\r
        used_memory:1048576\r
        maxmemory:0\r
        maxmemory_policy:noeviction\r
        # Persistence\r
        loading:0\r
        rdb_last_bgsave_status:ok\r
        aof_enabled:0\r
        aof_last_write_status:ok\r
        # Stats\r
        instantaneous_ops_per_sec:10\r
        keyspace_hits:9\r
        keyspace_misses:1\r
        evicted_keys:0\r
        expired_keys:0\r
        # Replication\r
        role:master\r
        connected_slaves:0\r

        """

    @Test("Redis: the server closes the connection after every answer; each later poll reconnects once and is up")
    func redisReconnects() throws {
        let listener = try LocalListener(.respOnce { command in
            command.first?.uppercased() == "INFO" ? RESPCommand.bulk(Self.info) : RESPCommand.error("ERR unknown command")
        })
        let probe = ProbeConfig(name: "redis", interval: 1, timeout: 1, latencyWarn: nil,
                                target: .redis(address: HostPort(host: "127.0.0.1", port: listener.port), passwordEnv: nil))
        let checker = CheckerFactory.make(probe, environment: [:])
        defer { checker.close() }
        let samples = (0..<3).map { _ in checker.check() }
        #expect(samples.map(\.status) == [.up, .up, .up], "\(samples.map { $0.error ?? "" })")
    }

    @Test("a lost connection on a fresh connect is not retried: down with the first failure")
    func freshConnectionNotRetried() throws {
        var polls: [Bool] = []
        let deadline = Deadline(seconds: 1)
        #expect(throws: ProbeFailure.self) {
            try ReconnectOnce.poll(reused: false, deadline: deadline, close: {}) { reused throws(ProbeFailure) in
                polls.append(reused)
                throw ProbeFailure("connection lost", connectionLost: true)
            }
        }
        #expect(polls == [false])
    }

    @Test("a lost kept connection is retried once on a fresh one, and only once")
    func keptConnectionRetriedOnce() throws {
        var polls: [Bool] = []
        var closed = 0
        #expect(throws: ProbeFailure.self) {
            try ReconnectOnce.poll(reused: true, deadline: Deadline(seconds: 1), close: { closed += 1 }) { reused throws(ProbeFailure) in
                polls.append(reused)
                throw ProbeFailure("connection lost", connectionLost: true)
            }
        }
        #expect(polls == [true, false])
        #expect(closed == 1)
    }
}
