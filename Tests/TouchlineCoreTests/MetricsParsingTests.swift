import Foundation
import Testing
@testable import TouchlineCore

@Suite("INFO and pg row parsing")
struct MetricsParsingTests {
    static let info = """
        # Server\r
        redis_version:7.0.15\r
        uptime_in_seconds:120\r
        \r
        # Clients\r
        connected_clients:3\r
        blocked_clients:1\r
        # Memory\r
        used_memory:1170104\r
        used_memory_rss:7368704\r
        used_memory_peak:1188816\r
        maxmemory:67108864\r
        maxmemory_policy:allkeys-lru\r
        mem_fragmentation_ratio:6.52\r
        mem_fragmentation_bytes:6238544\r
        # Persistence\r
        rdb_changes_since_last_save:5\r
        rdb_last_bgsave_status:ok\r
        aof_enabled:0\r
        aof_last_write_status:ok\r
        # Stats\r
        instantaneous_ops_per_sec:42\r
        rejected_connections:0\r
        expired_keys:10\r
        evicted_keys:4\r
        keyspace_hits:90\r
        keyspace_misses:10\r
        # Replication\r
        role:master\r
        # Keyspace\r
        db0:keys=300,expires=120,avg_ttl=0\r

        """

    @Test("INFO text becomes a snapshot")
    func info() throws {
        let snapshot = try #require(RedisSnapshot(info: RedisInfo(text: Self.info)))
        #expect(snapshot.version == "7.0.15")
        #expect(snapshot.usedMemory == 1_170_104)
        #expect(snapshot.usedMemoryRSS == 7_368_704)
        #expect(snapshot.maxmemory == 67_108_864)
        #expect(snapshot.maxmemoryPolicy == "allkeys-lru")
        #expect(snapshot.fragmentationRatio == 6.52)
        #expect(snapshot.connectedClients == 3)
        #expect(snapshot.blockedClients == 1)
        #expect(snapshot.opsPerSec == 42)
        #expect(snapshot.hitRatio == 0.9)
        #expect(snapshot.role == "master")
        #expect(snapshot.masterLinkStatus == nil)
        #expect(snapshot.rdbLastBgsaveStatus == "ok")
        #expect(!snapshot.fragmentationIsHigh, "a high ratio on 6 MB wasted is not worth flagging")
        #expect(RedisInfo(text: Self.info)["db0"] == "keys=300,expires=120,avg_ttl=0")
    }

    @Test("rates come from deltas between polls")
    func redisRates() throws {
        let first = try #require(RedisSnapshot(info: RedisInfo(text: Self.info)))
        let later = Self.info.replacingOccurrences(of: "evicted_keys:4", with: "evicted_keys:24")
            .replacingOccurrences(of: "keyspace_hits:90", with: "keyspace_hits:120")
            .replacingOccurrences(of: "keyspace_misses:10", with: "keyspace_misses:20")
        var second = try #require(RedisSnapshot(info: RedisInfo(text: later)))
        second.computeRates(since: first, seconds: 2)
        #expect(second.evictedPerSec == 10)
        #expect(second.expiredPerSec == 0)
        #expect(second.hitRatio == 0.75)
    }

    @Test("large fragmentation is flagged only when the bytes are large too")
    func fragmentation() throws {
        let text = Self.info.replacingOccurrences(of: "mem_fragmentation_bytes:6238544", with: "mem_fragmentation_bytes:200000000")
            .replacingOccurrences(of: "mem_fragmentation_ratio:6.52", with: "mem_fragmentation_ratio:1.8")
        #expect(try #require(RedisSnapshot(info: RedisInfo(text: text))).fragmentationIsHigh)
    }

    @Test("an error text is not INFO")
    func notInfo() {
        #expect(RedisSnapshot(info: RedisInfo(text: "NOAUTH Authentication required.")) == nil)
    }

    static let row: [String?] = ["15.18", "3600.5", "100", "7", "2", "3", "1", "0", "1",
                                 "12.5", "4242", "psql", "active", "SELECT pg_sleep(30)",
                                 "9240000", "990", "10", "1000", "10", "1700000000.0"]

    @Test("a pg statistics row becomes a snapshot")
    func postgresRow() throws {
        let snapshot = try #require(PostgresSnapshot(row: Self.row))
        #expect(snapshot.serverVersion == "15.18")
        #expect(snapshot.maxConnections == 100)
        #expect(snapshot.connections == 7)
        #expect(snapshot.active == 2)
        #expect(snapshot.idle == 3)
        #expect(snapshot.idleInTransaction == 1)
        #expect(snapshot.waiting == 1)
        #expect(snapshot.longestQuery == LongQuery(seconds: 12.5, pid: 4242, application: "psql", state: "active",
                                                   text: "SELECT pg_sleep(30)"))
        #expect(snapshot.databaseSizeBytes == 9_240_000)
        #expect(snapshot.cacheHitRatio == 0.99)
        #expect(snapshot.tps == nil)
    }

    @Test("tps and rollback ratio from deltas; no long query when the columns are null")
    func postgresRates() throws {
        let first = try #require(PostgresSnapshot(row: Self.row))
        var row = Self.row
        row[17] = "1090"
        row[18] = "20"
        row[19] = "1700000002.0"
        row[9] = nil
        row[10] = nil
        var second = try #require(PostgresSnapshot(row: row))
        second.computeRates(since: first)
        #expect(second.tps == 50)
        #expect(second.rollbackRatio == 0.1)
        #expect(second.longestQuery == nil)
    }

    @Test("a row of the wrong shape is refused")
    func badRow() {
        #expect(PostgresSnapshot(row: ["15"]) == nil)
        var row = Self.row
        row[2] = "many"
        #expect(PostgresSnapshot(row: row) == nil)
    }
}
