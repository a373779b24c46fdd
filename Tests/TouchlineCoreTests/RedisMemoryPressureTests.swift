import Foundation
import Testing
@testable import TouchlineCore

/// The health rule for a Redis that is full and evicting: used memory at 90 % of maxmemory or more
/// while keys are being evicted is degraded, with the figures in the reason.
@Suite("Redis memory pressure rule")
struct RedisMemoryPressureTests {
    private func snapshot(used: Int64, max: Int64, evicted: Int64 = 0, rate: Double? = nil) throws -> RedisSnapshot {
        let info = "redis_version:7.0.15\r\nused_memory:\(used)\r\nmaxmemory:\(max)\r\nmaxmemory_policy:allkeys-lru\r\nevicted_keys:\(evicted)\r\n"
        var snapshot = try #require(RedisSnapshot(info: RedisInfo(text: info)))
        snapshot.evictedPerSec = rate
        return snapshot
    }

    @Test("full and evicting since the last poll: the share, the limit and the rate are named")
    func evicting() throws {
        let full = try snapshot(used: 2_050_000, max: 2_097_152, evicted: 900, rate: 123.4)
        #expect(full.memoryPressure == "memory at 97% of maxmemory 2.0 MiB, evicting 123 keys/s (allkeys-lru)")
        let slow = try snapshot(used: 1_900_000, max: 2_097_152, evicted: 3, rate: 0.5)
        #expect(slow.memoryPressure == "memory at 90% of maxmemory 2.0 MiB, evicting 0.5 keys/s (allkeys-lru)")
    }

    @Test("a first poll has no rate: evictions since start count when memory is near the limit")
    func firstPoll() throws {
        let full = try snapshot(used: 2_000_000, max: 2_097_152, evicted: 42)
        #expect(full.memoryPressure == "memory at 95% of maxmemory 2.0 MiB, 42 keys evicted since start (allkeys-lru)")
        #expect(try snapshot(used: 2_000_000, max: 2_097_152, evicted: 0).memoryPressure == nil)
    }

    @Test("no pressure: below 90 %, no eviction now, or no limit at all")
    func noPressure() throws {
        #expect(try snapshot(used: 1_800_000, max: 2_097_152, evicted: 900, rate: 50).memoryPressure == nil, "86 % is not full")
        #expect(try snapshot(used: 2_090_000, max: 2_097_152, evicted: 900, rate: 0).memoryPressure == nil, "full but no longer evicting")
        #expect(try snapshot(used: 90_000_000, max: 0, evicted: 900, rate: 50).memoryPressure == nil, "no maxmemory")
        #expect(try snapshot(used: 2_097_152, max: 67_108_864, evicted: 900, rate: 50).memoryPressure == nil, "a raised limit clears it")
    }
}
