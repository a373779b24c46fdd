import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Probes and `touchline check` against a real PostgreSQL, Redis and API stand-in started by `scripts/stack`.
///
/// Serialized: some cases stop services, and each puts them back before it ends.
extension RealStackSuite {
@Suite("Against the real stack")
struct StackIntegrationTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private func poll(_ stack: TestStack, apiTimeout: String = "2s") throws -> [String: ProbeSample] {
        let environment = try stack.staging(apiTimeout: apiTimeout)
        let samples = OneShotPoller.poll(environment.probes, environment: stack.environment)
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.probe, $0) })
    }

    private func binary() -> String {
        TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
    }

    @Test("all up: api reports its version, postgres and redis their numbers")
    func allUp() throws {
        let stack = try stack()
        let samples = try poll(stack)
        #expect(samples["api"]?.status == .up, "\(samples["api"]?.error ?? "")")
        #expect(samples["api"]?.version == "1.5.0")
        #expect(samples["postgres"]?.status == .up, "\(samples["postgres"]?.error ?? "")")
        #expect(samples["redis"]?.status == .up, "\(samples["redis"]?.error ?? "")")
        guard case .postgres(let pg) = samples["postgres"]?.metrics else { Issue.record("no pg metrics"); return }
        #expect(pg.serverVersion.hasPrefix("15"))
        #expect(pg.maxConnections == 100)
        #expect(pg.databaseSizeBytes > 1_000_000)
        guard case .redis(let redis) = samples["redis"]?.metrics else { Issue.record("no redis metrics"); return }
        #expect(redis.usedMemory > 0)
        #expect(redis.maxmemory == Int64(64 * 1024 * 1024))
        #expect(redis.role == "master")
    }

    @Test("connection counts agree with pg_stat_activity queried independently")
    func connectionCountsAgree() throws {
        let stack = try stack()
        let environment = try stack.staging()
        let config = try #require(environment.probes.first { $0.name == "postgres" })
        let checker = CheckerFactory.make(config, environment: stack.environment)
        defer { checker.close() }
        _ = checker.check()
        for _ in 0..<3 {
            let sample = checker.check()
            guard case .postgres(let pg) = sample.metrics else { Issue.record("\(sample.error ?? "no metrics")"); return }
            let independent = stack.adminQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
            let idle = stack.adminQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'idle' AND pid <> pg_backend_pid()")
            if String(pg.connections) == independent {
                // Our own connection was active while we counted; it is idle while psql counts.
                #expect(String(pg.idle + 1) == idle)
                return
            }
        }
        Issue.record("connection counts never agreed")
    }

    @Test("Redis stopped: redis down and the API degraded; back up after start")
    func redisStopped() throws {
        let stack = try stack()
        #expect(stack.run(["stop", "redis"]).0 == 0)
        defer { stack.run(["start", "redis"]) }
        let samples = try poll(stack)
        #expect(samples["redis"]?.status == .down)
        #expect(samples["api"]?.status == .degraded)
        #expect(samples["api"]?.error?.contains("redis") == true, "\(samples["api"]?.error ?? "")")
        #expect(stack.run(["start", "redis"]).0 == 0)
        #expect(try poll(stack)["redis"]?.status == .up)
    }

    @Test("PostgreSQL stopped: postgres down and the API down; back up after start")
    func postgresStopped() throws {
        let stack = try stack()
        #expect(stack.run(["stop", "postgres"]).0 == 0)
        defer { stack.run(["start", "postgres"]) }
        let samples = try poll(stack)
        #expect(samples["postgres"]?.status == .down)
        #expect(samples["api"]?.status == .down)
        #expect(stack.run(["start", "postgres"]).0 == 0)
        let after = try poll(stack)
        #expect(after["postgres"]?.status == .up)
    }

    @Test("API slower than its timeout: down with 'timeout after 1s' within timeout + 100 ms")
    func latencyFault() throws {
        let stack = try stack()
        #expect(stack.run(["fault", "api", "latency", "5s"]).0 == 0)
        defer { stack.run(["fault", "clear"]) }
        let environment = try stack.staging(apiTimeout: "1s")
        let api = try #require(environment.probes.first { $0.name == "api" })
        let checker = CheckerFactory.make(api, environment: stack.environment)
        defer { checker.close() }
        let start = Date()
        let sample = checker.check()
        let seconds = Date().timeIntervalSince(start)
        #expect(sample.status == .down)
        #expect(sample.error == "timeout after 1s")
        #expect(seconds < 1.1, "took \(seconds) s")
    }

    @Test("touchline check: exit 0 and JSON when all up; the password never printed")
    func checkAllUp() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let result = ProcessRunner.runSeparately(binary(), ["check", "--config", config, "--json"],
                                                 environment: stack.environment, timeout: 10)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["environment"] as? String == "staging")
        #expect(json["status"] as? String == "up")
        #expect(json["checked_at"] as? String != nil)
        let probes = try #require(json["probes"] as? [[String: Any]])
        #expect(probes.map { $0["name"] as? String } == ["api", "postgres", "redis"])
        let pg = try #require(probes[1]["metrics"] as? [String: Any])
        for key in ["connections", "max_connections", "active", "idle", "idle_in_transaction", "idle_in_transaction_aborted",
                    "waiting", "longest_query_seconds", "database_size_bytes", "cache_hit_ratio", "tps"] {
            #expect(pg.keys.contains(key), "postgres metrics lack \(key)")
        }
        let redis = try #require(probes[2]["metrics"] as? [String: Any])
        for key in ["used_memory", "used_memory_rss", "used_memory_peak", "maxmemory", "mem_fragmentation_ratio",
                    "mem_fragmentation_bytes", "connected_clients", "blocked_clients", "ops_per_sec", "hit_ratio",
                    "evicted_keys_per_sec", "role"] {
            #expect(redis.keys.contains(key), "redis metrics lack \(key)")
        }
        #expect(probes[0]["version"] as? String == "1.5.0")
        #expect(!(result.stdout + result.stderr).contains(stack.password))
    }

    @Test("touchline check: exit 1 when the API is degraded, 2 when Redis is down, within the timeout + 1 s")
    func checkExitCodes() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        #expect(stack.run(["fault", "api", "health", "degraded"]).0 == 0)
        let degraded = ProcessRunner.runSeparately(binary(), ["check", "--config", config], environment: stack.environment, timeout: 10)
        stack.run(["fault", "clear"])
        #expect(degraded.code == 1, "\(degraded.stdout)")
        #expect(degraded.stdout.contains("▲ degraded  api"))

        #expect(stack.run(["stop", "redis"]).0 == 0)
        defer { stack.run(["start", "redis"]) }
        let down = ProcessRunner.runSeparately(binary(), ["check", "--config", config], environment: stack.environment, timeout: 10)
        #expect(down.code == 2, "\(down.stdout)")
        #expect(down.stdout.contains("✖ down      redis"))
        #expect(down.seconds < 3)
    }

    @Test("touchline backup then touchline audit: the backup's start and end records, newest first, no password")
    func auditShowsTheBackup() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let backup = ProcessRunner.runSeparately(binary(), ["backup", "--config", config], environment: stack.environment, timeout: 60)
        #expect(backup.code == 0, "\(backup.stdout)\(backup.stderr)")
        let audit = ProcessRunner.runSeparately(binary(), ["audit", "--config", config, "--json", "--limit", "2"],
                                                environment: stack.environment, timeout: 10)
        #expect(audit.code == 0, "\(audit.stderr)")
        let records = audit.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 2)
        #expect(records.first?["action"] as? String == "backup")
        #expect(records.first?["phase"] as? String == "end")
        #expect(records.first?["outcome"] as? String == "ok")
        #expect(!(audit.stdout + backup.stdout + backup.stderr).contains(stack.password))
        let table = ProcessRunner.runSeparately(binary(), ["audit", "--config", config], environment: stack.environment, timeout: 10)
        #expect(table.stdout.contains("end    backup"), "\(table.stdout)")
    }

    @Test("touchline check: a wrong password is an auth failure that does not print the password")
    func wrongPassword() throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        var environment = stack.environment
        environment["STAGING_DB_PASSWORD"] = "wrong-\(stack.password)"
        let result = ProcessRunner.runSeparately(binary(), ["check", "--config", config, "--json"], environment: environment, timeout: 10)
        #expect(result.code == 2)
        #expect(result.stdout.contains("password authentication failed"))
        #expect(!(result.stdout + result.stderr).contains(stack.password))
    }
}
}
