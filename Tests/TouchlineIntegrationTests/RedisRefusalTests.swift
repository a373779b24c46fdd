import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The states in which a real Redis answers PING or INFO but refuses the work: each one reproduced on a
/// private redis-server, the refusal itself shown with redis-cli, then the probe's verdict.
@Suite("Redis states that answer but refuse the work", .serialized)
struct RedisRefusalTests {
    private func check(_ redis: PrivateRedis) -> ProbeSample {
        let checker = CheckerFactory.make(redis.probe(), environment: [:])
        defer { checker.close() }
        return checker.check()
    }

    @Test("loading an RDB: down with `loading dataset N% (eta S s)` on every poll while GET gets -LOADING, check exits 2; up once loaded")
    func loading() throws {
        let redis = try PrivateRedis(["--enable-debug-command", "yes"])
        #expect(redis.cli(["DEBUG", "POPULATE", "30000"]) == "OK")
        #expect(redis.cli(["SAVE"]) == "OK")
        defer { redis.stop(removing: true) }
        try redis.restart(["--key-load-delay", "20", "--loading-process-events-interval-bytes", "1024"])
        let restarted = redis
        #expect(restarted.cli(["GET", "key:1"]).hasPrefix("LOADING"), "the server is not loading")

        let checker = CheckerFactory.make(restarted.probe(), environment: [:])
        defer { checker.close() }
        let config = try restarted.writeConfig()
        let headless = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", config], environment: [:], timeout: 15)
        #expect(headless.code == 2, "\(headless.stdout)\(headless.stderr)")
        #expect(headless.stdout.contains("loading dataset"), "\(headless.stdout)")

        var loadingPolls = 0
        var last: ProbeSample?
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            let sample = checker.check()
            last = sample
            if sample.status == .up { break }
            #expect(sample.status == .down)
            let error = sample.error ?? ""
            #expect(error.range(of: #"^loading dataset \d+% \(eta \d+ s\), every command refused \(LOADING\)$"#,
                                options: .regularExpression) != nil, "\(error)")
            guard case .redis(let snapshot) = sample.metrics else { Issue.record("no metrics while loading"); break }
            #expect(snapshot.loading)
            loadingPolls += 1
            Thread.sleep(forTimeInterval: 0.3)
        }
        #expect(loadingPolls >= 3, "only \(loadingPolls) polls saw the load")
        #expect(last?.status == .up, "\(last?.error ?? "")")
        #expect(restarted.cli(["DBSIZE"]) == "30000")
    }

    @Test("a script running past busy-reply-threshold: INFO itself gets -BUSY, down naming BUSY; up after SCRIPT KILL")
    func busyScript() throws {
        let redis = try PrivateRedis(["--busy-reply-threshold", "100"])
        defer { redis.stop(removing: true) }
        let script = try BackgroundProcess(["/usr/bin/redis-cli", "-p", String(redis.port), "EVAL", "while true do end", "0"],
                                           environment: [:])
        defer { script.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) { redis.cli(["PING"]).hasPrefix("BUSY") })
        let sample = check(redis)
        #expect(sample.status == .down)
        #expect(sample.error?.hasPrefix("busy running a script or function past busy-reply-threshold, every command refused (BUSY)") == true,
                "\(sample.error ?? "")")
        #expect(redis.cli(["SCRIPT", "KILL"]) == "OK")
        #expect(FaultSupport.waitUntil(seconds: 5) { check(redis).status == .up })
    }

    @Test("a replica whose master is gone with replica-serve-stale-data no: GET gets -MASTERDOWN, down; with yes: degraded, serving stale data")
    func replicaWithoutMaster() throws {
        let redis = try PrivateRedis(["--replicaof", "127.0.0.1", String(TestStack.freePort()), "--replica-serve-stale-data", "no"])
        defer { redis.stop(removing: true) }
        #expect(redis.cli(["GET", "x"]).hasPrefix("MASTERDOWN"))
        let refusing = check(redis)
        #expect(refusing.status == .down)
        #expect(refusing.error == "replica link to master is down and replica-serve-stale-data is no: every data command refused (MASTERDOWN)",
                "\(refusing.error ?? "")")

        #expect(redis.cli(["CONFIG", "SET", "replica-serve-stale-data", "yes"]) == "OK")
        let stale = check(redis)
        #expect(stale.status == .degraded)
        #expect(stale.error == "replica link to master is down, serving stale data", "\(stale.error ?? "")")
    }

    @Test("a failed background save with save points and stop-writes-on-bgsave-error yes: SET gets -MISCONF, degraded refusing writes; with no: degraded, writes accepted")
    func failedSave() throws {
        let redis = try PrivateRedis(["--save", "3600 1"])
        defer { redis.stop(removing: true) }
        #expect(redis.cli(["SET", "k", "v"]) == "OK")
        try FileManager.default.removeItem(atPath: redis.directory)
        _ = redis.cli(["BGSAVE"])
        #expect(FaultSupport.waitUntil(seconds: 10) { redis.info("rdb_last_bgsave_status") == "err" })
        #expect(redis.cli(["SET", "k", "w"]).hasPrefix("MISCONF"))
        let refusing = check(redis)
        #expect(refusing.status == .degraded)
        #expect(refusing.error == "refusing writes: last background save failed and stop-writes-on-bgsave-error is yes (rdb_last_bgsave_status:err, MISCONF)",
                "\(refusing.error ?? "")")

        #expect(redis.cli(["CONFIG", "SET", "stop-writes-on-bgsave-error", "no"]) == "OK")
        #expect(redis.cli(["SET", "k", "w"]) == "OK")
        let accepting = check(redis)
        #expect(accepting.status == .degraded)
        #expect(accepting.error == "last background save failed (rdb_last_bgsave_status:err); writes still accepted", "\(accepting.error ?? "")")
    }

    @Test("used memory at maxmemory under noeviction: SET gets -OOM, degraded refusing writes with the figures")
    func memoryFullWithoutEviction() throws {
        let redis = try PrivateRedis(["--maxmemory", "2mb", "--maxmemory-policy", "noeviction", "--enable-debug-command", "yes"])
        defer { redis.stop(removing: true) }
        #expect(check(redis).status == .up)
        _ = redis.cli(["DEBUG", "POPULATE", "30000", "key", "64"])
        #expect(redis.cli(["SET", "one-more", "x"]).hasPrefix("OOM"))
        let sample = check(redis)
        #expect(sample.status == .degraded)
        #expect(sample.error?.range(of: #"^refusing writes: memory full, [0-9.]+ MiB used of maxmemory 2\.0 MiB under noeviction \(OOM\)$"#,
                                    options: .regularExpression) != nil, "\(sample.error ?? "")")
    }

    @Test("min-replicas-to-write 1 and no replica: SET gets -NOREPLICAS, degraded refusing writes; 0 clears it")
    func tooFewReplicas() throws {
        let redis = try PrivateRedis(["--min-replicas-to-write", "1", "--min-replicas-max-lag", "10"])
        defer { redis.stop(removing: true) }
        #expect(redis.cli(["SET", "k", "v"]).hasPrefix("NOREPLICAS"))
        let sample = check(redis)
        #expect(sample.status == .degraded)
        #expect(sample.error == "refusing writes: 0 of 1 replica required by min-replicas-to-write in sync (min_slaves_good_slaves, NOREPLICAS)",
                "\(sample.error ?? "")")
        #expect(redis.cli(["CONFIG", "SET", "min-replicas-to-write", "0"]) == "OK")
        #expect(check(redis).status == .up)
    }

    @Test("AOF writes failing on a full disk: SET gets -MISCONF, degraded refusing writes (needs a tmpfs)",
          .enabled(if: FaultSupport.canMountTmpfs))
    func aofWritesFailing() throws {
        let directory = "/tmp/touchline-redis-aof-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", directory], environment: [:], timeout: 10).0 == 0)
        defer {
            _ = ProcessRunner.run("/bin/umount", ["-l", directory], environment: [:], timeout: 10)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let redis = try PrivateRedis(["--appendonly", "yes"], directory: directory)
        defer { redis.stop() }
        let value = String(repeating: "x", count: 64 * 1024)
        for index in 0..<64 where redis.info("aof_last_write_status") != "err" {
            _ = redis.cli(["SET", "k\(index)", value])
        }
        #expect(redis.info("aof_last_write_status") == "err")
        #expect(redis.cli(["SET", "after", "x"]).hasPrefix("MISCONF"))
        let sample = check(redis)
        #expect(sample.status == .degraded)
        #expect(sample.error?.hasPrefix("refusing writes: AOF writes failing (aof_last_write_status:err, MISCONF)") == true, "\(sample.error ?? "")")
    }

    @Test("a cluster node whose cluster_state is fail: GET gets -CLUSTERDOWN, down; with cluster-allow-reads-when-down yes: degraded, reads served")
    func clusterDown() throws {
        let redis = try PrivateRedis(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                      "--cluster-port", String(TestStack.freePort())])
        defer { redis.stop(removing: true) }
        // This node holds every slot but the last one: cluster-require-full-coverage keeps the state `fail`.
        #expect(redis.cli(["CLUSTER", "ADDSLOTSRANGE", "0", "16382"]) == "OK")
        #expect(redis.cli(["CLUSTER", "KEYSLOT", "x"]) == "16287")
        #expect(FaultSupport.waitUntil(seconds: 10) { redis.cli(["GET", "x"]) == "CLUSTERDOWN The cluster is down" })
        let refusing = check(redis)
        #expect(refusing.status == .down)
        #expect(refusing.error == "cluster state is fail: every command refused (cluster_state:fail, CLUSTERDOWN)", "\(refusing.error ?? "")")

        #expect(redis.cli(["CONFIG", "SET", "cluster-allow-reads-when-down", "yes"]) == "OK")
        #expect(redis.cli(["GET", "x"]) == "")
        let reading = check(redis)
        #expect(reading.status == .degraded)
        #expect(reading.error == "refusing writes: cluster state is fail, reads served only for the slots this node holds (cluster-allow-reads-when-down yes, CLUSTERDOWN)",
                "\(reading.error ?? "")")

        #expect(redis.cli(["CLUSTER", "ADDSLOTS", "16383"]) == "OK")
        #expect(FaultSupport.waitUntil(seconds: 10) { check(redis).status == .up })
    }

    @Test("maxclients reached: a new probe connection is refused (down); a kept one sees the rejections grow (degraded)")
    func maxclientsReached() throws {
        let redis = try PrivateRedis(["--maxclients", "2"])
        defer { redis.stop(removing: true) }
        let holder = try BackgroundProcess(["/usr/bin/redis-cli", "-p", String(redis.port), "BLPOP", "never", "0"], environment: [:])
        defer { holder.stop() }
        #expect(FaultSupport.waitUntil(seconds: 5) { redis.info("blocked_clients") == "1" }, "\(holder.output)")
        let kept = CheckerFactory.make(redis.probe(), environment: [:])
        defer { kept.close() }
        #expect(kept.check().status == .up, "the second of two slots")
        #expect(redis.cli(["PING"]).contains("max number of clients reached"))

        let fresh = check(redis)
        #expect(fresh.status == .down)
        #expect(fresh.error == "refusing new connections: maxclients reached (ERR max number of clients reached)", "\(fresh.error ?? "")")
        let seen = kept.check()
        #expect(seen.status == .degraded)
        #expect(seen.error?.range(of: #"^refusing new connections: \d+ rejected since the last poll \(maxclients 2\)$"#,
                                  options: .regularExpression) != nil, "\(seen.error ?? "")")
        holder.stop()
        #expect(FaultSupport.waitUntil(seconds: 5) { check(redis).status == .up })
        #expect(FaultSupport.waitUntil(seconds: 5) { kept.check().status == .up }, "no rejections since its last poll")
    }
}
