import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Redis full: maxmemory lowered to 2 MB with allkeys-lru, then written past it until keys are evicted.
extension RealStackSuite {
@Suite("Faults: Redis at maxmemory", .serialized)
struct RedisFaultTests {
    private func redisCLI(_ stack: TestStack, _ arguments: [String]) -> String {
        ProcessRunner.run("/usr/bin/redis-cli", ["-p", String(stack.redisPort)] + arguments, environment: [:], timeout: 10).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("2 MB maxmemory and writes past it: degraded with memory near the limit and the eviction rate; check exits 1; up again once the limit is restored")
    func evictingAtMaxmemory() throws {
        let stack = try FaultSupport.stack()
        let oldLimit = redisCLI(stack, ["CONFIG", "GET", "maxmemory"]).split(separator: "\n").last.map(String.init) ?? "67108864"
        let oldPolicy = redisCLI(stack, ["CONFIG", "GET", "maxmemory-policy"]).split(separator: "\n").last.map(String.init) ?? "allkeys-lru"
        defer {
            _ = redisCLI(stack, ["CONFIG", "SET", "maxmemory", oldLimit])
            _ = redisCLI(stack, ["CONFIG", "SET", "maxmemory-policy", oldPolicy])
            _ = redisCLI(stack, ["EVAL", "for _, k in ipairs(redis.call('KEYS', 'ft:*')) do redis.call('DEL', k) end return 0", "0"])
        }
        let checker = try FaultSupport.checker(stack, "redis")
        defer { checker.close() }
        #expect(checker.check().status == .up)

        #expect(redisCLI(stack, ["CONFIG", "SET", "maxmemory", "2mb"]) == "OK")
        #expect(redisCLI(stack, ["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]) == "OK")
        let writer = """
            import sys, redis
            r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]))
            p = r.pipeline(transaction=False)
            for i in range(6000):
                p.set(f"ft:{i}", "x" * 1024, ex=300)
            p.execute()
            info = r.info("stats")
            print("evicted", info["evicted_keys"], flush=True)
            """
        let written = ProcessRunner.run(FaultSupport.python, ["-c", writer, String(stack.redisPort)], environment: stack.environment,
                                        timeout: 30)
        #expect(written.0 == 0, "\(written.1)")

        let start = Date()
        let sample = checker.check()
        #expect(Date().timeIntervalSince(start) < 1, "the probe overran its 1 s deadline")
        guard case .redis(let redis) = sample.metrics else { Issue.record("no metrics: \(sample.error ?? "")"); return }
        #expect(redis.maxmemory == Int64(2 * 1024 * 1024))
        #expect(redis.evictedKeys > 0, "no evictions: \(written.1)")
        #expect((redis.evictedPerSec ?? 0) > 0)
        #expect(Double(redis.usedMemory) >= 0.9 * Double(redis.maxmemory ?? 0), "used \(redis.usedMemory)")
        #expect(sample.status == .degraded)
        #expect(sample.error?.hasPrefix("memory at ") == true, "\(sample.error ?? "")")
        #expect(sample.error?.contains("of maxmemory 2.0 MiB, evicting") == true, "\(sample.error ?? "")")

        let check = try FaultSupport.check(stack)
        #expect(check.code == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("▲ degraded  redis"), "\(check.stdout)")
        #expect(check.stdout.contains("of maxmemory 2.0 MiB"), "\(check.stdout)")

        #expect(redisCLI(stack, ["CONFIG", "SET", "maxmemory", oldLimit]) == "OK")
        let back = checker.check()
        #expect(back.status == .up, "\(back.error ?? "")")
        #expect(try FaultSupport.check(stack).code == 0)
    }
}
}
