import Foundation
import Testing
@testable import TouchlineCore

/// The rules for a Redis that answers INFO but refuses work or loses data, on INFO text as Redis 7 writes
/// it plus the `CONFIG GET` values the rules ask for.
@Suite("Redis refusing work: rules on INFO text")
struct RedisConditionTests {
    private static let base = [
        "redis_version:7.0.15", "uptime_in_seconds:100", "used_memory:1048576", "maxmemory:0",
        "maxmemory_policy:noeviction", "mem_not_counted_for_evict:0", "loading:0", "async_loading:0",
        "rdb_last_bgsave_status:ok", "aof_enabled:0", "aof_last_write_status:ok", "evicted_keys:0", "role:master",
    ]

    /// A snapshot of the base INFO with `fields` replacing or adding lines.
    private func snapshot(_ fields: [String: String], settings: RedisSettings = RedisSettings()) throws -> RedisSnapshot {
        var lines = Self.base.filter { line in !fields.keys.contains { line.hasPrefix($0 + ":") } }
        lines += fields.map { "\($0.key):\($0.value)" }
        var snapshot = try #require(RedisSnapshot(info: RedisInfo(text: "# Server\r\n" + lines.joined(separator: "\r\n") + "\r\n")))
        snapshot.apply(settings)
        return snapshot
    }

    @Test("a serving master: no condition, nothing to ask CONFIG")
    func serving() throws {
        let redis = try snapshot([:])
        #expect(redis.condition == nil)
        #expect(redis.settingsNeeded.isEmpty)
    }

    @Test("loading:1 is down with the loaded share and the ETA; without them just `loading dataset`")
    func loading() throws {
        let redis = try snapshot(["loading": "1", "loading_loaded_perc": "25.37", "loading_eta_seconds": "42"])
        #expect(redis.condition == RedisCondition(.down, "loading dataset 25% (eta 42 s), every command refused (LOADING)"))
        #expect(try snapshot(["loading": "1"]).condition == RedisCondition(.down, "loading dataset, every command refused (LOADING)"))
        #expect(try snapshot(["loading": "0", "loading_loaded_perc": "25"]).loadingLoadedPerc == nil)
    }

    @Test("async_loading:1 is degraded: the replica serves the old dataset while loading the new one")
    func asyncLoading() throws {
        let redis = try snapshot(["async_loading": "1", "loading_loaded_perc": "60.0", "loading_eta_seconds": "3", "role": "slave",
                                  "master_link_status": "up"])
        #expect(redis.condition == RedisCondition(.degraded, "loading the replication dataset 60% (eta 3 s) while serving the old one (async_loading)"))
    }

    @Test("error replies: BUSY, LOADING and MASTERDOWN are down with their code named; others name the command")
    func errorReplies() {
        let busy = RedisCondition.errorReply("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", command: "INFO")
        #expect(busy.status == .down)
        #expect(busy.reason.hasPrefix("busy running a script or function past busy-reply-threshold, every command refused (BUSY): BUSY Redis is busy"))
        #expect(RedisCondition.errorReply("LOADING Redis is loading the dataset in memory", command: "INFO").reason
                == "loading dataset, every command refused (LOADING)")
        #expect(RedisCondition.errorReply("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.", command: "INFO").reason
                == "replica refusing commands while its link to the master is down (MASTERDOWN)")
        #expect(RedisCondition.errorReply("NOPERM this user has no permissions to run the 'info' command", command: "INFO")
                == RedisCondition(.down, "INFO refused: NOPERM this user has no permissions to run the 'info' command"))
    }

    @Test("a replica with its link down: down with replica-serve-stale-data no (MASTERDOWN), degraded with yes or unknown")
    func staleReplica() throws {
        let info = ["role": "slave", "master_link_status": "down", "master_sync_in_progress": "1"]
        #expect(try snapshot(info).settingsNeeded == [.replicaServeStaleData])
        var no = RedisSettings()
        no.set(.replicaServeStaleData, "no")
        #expect(try snapshot(info, settings: no).condition == RedisCondition(.down,
            "replica link to master is down, full sync in progress and replica-serve-stale-data is no: every data command refused (MASTERDOWN)"))
        var yes = RedisSettings()
        yes.set(.replicaServeStaleData, "yes")
        #expect(try snapshot(info, settings: yes).condition == RedisCondition(.degraded, "replica link to master is down, full sync in progress, serving stale data"))
        #expect(try snapshot(info).condition == RedisCondition(.degraded, "replica link to master is down, full sync in progress, may be serving stale data"))
        #expect(try snapshot(["role": "slave", "master_link_status": "up"]).condition == nil)
    }

    @Test("rdb_last_bgsave_status:err refuses writes (MISCONF) only with stop-writes-on-bgsave-error yes and save points")
    func failedSave() throws {
        let info = ["rdb_last_bgsave_status": "err"]
        #expect(try snapshot(info).settingsNeeded == [.stopWritesOnBgsaveError, .save])
        var refusing = RedisSettings()
        refusing.set(.stopWritesOnBgsaveError, "yes")
        refusing.set(.save, "3600 1 300 100")
        #expect(try snapshot(info, settings: refusing).condition == RedisCondition(.degraded,
            "refusing writes: last background save failed and stop-writes-on-bgsave-error is yes (rdb_last_bgsave_status:err, MISCONF)"))
        var noSavePoints = refusing
        noSavePoints.set(.save, "")
        #expect(try snapshot(info, settings: noSavePoints).condition == RedisCondition(.degraded,
            "last background save failed (rdb_last_bgsave_status:err); writes still accepted"))
        var notStopping = refusing
        notStopping.set(.stopWritesOnBgsaveError, "no")
        #expect(try snapshot(info, settings: notStopping).condition?.reason == "last background save failed (rdb_last_bgsave_status:err); writes still accepted")
        #expect(try snapshot(info).condition?.reason.hasSuffix("which CONFIG GET could not confirm") == true)
    }

    @Test("aof_last_write_status:err refuses writes (MISCONF)")
    func aofFailing() throws {
        #expect(try snapshot(["aof_enabled": "1", "aof_last_write_status": "err"]).condition
                == RedisCondition(.degraded, "refusing writes: AOF writes failing (aof_last_write_status:err, MISCONF)"))
    }

    @Test("used memory (less mem_not_counted_for_evict) at maxmemory: noeviction refuses writes (OOM); volatile-* when nothing was evicted")
    func memoryFull() throws {
        let full = ["used_memory": "2200000", "maxmemory": "2097152"]
        #expect(try snapshot(full).condition == RedisCondition(.degraded, "refusing writes: memory full, 2.1 MiB used of maxmemory 2.0 MiB under noeviction (OOM)"))
        #expect(try snapshot(full.merging(["mem_not_counted_for_evict": "200000"]) { $1 }).condition == nil, "replication buffers do not count")
        var volatile = try snapshot(full.merging(["maxmemory_policy": "volatile-lru"]) { $1 })
        #expect(volatile.condition == nil, "first poll: no eviction rate yet")
        volatile.evictedPerSec = 0
        #expect(volatile.condition?.reason.hasPrefix("refusing writes that need memory: 2.1 MiB used of maxmemory 2.0 MiB under volatile-lru") == true)
        #expect(try snapshot(["used_memory": "2000000", "maxmemory": "2097152"]).condition == nil)
        #expect(try snapshot(["used_memory": "2200000", "maxmemory": "0"]).condition == nil, "no limit")
    }

    @Test("min_slaves_good_slaves below min-replicas-to-write refuses writes (NOREPLICAS)")
    func tooFewReplicas() throws {
        let info = ["min_slaves_good_slaves": "1"]
        #expect(try snapshot(info).settingsNeeded == [.minReplicasToWrite])
        var two = RedisSettings()
        two.set(.minReplicasToWrite, "2")
        #expect(try snapshot(info, settings: two).condition == RedisCondition(.degraded,
            "refusing writes: 1 of 2 replicas required by min-replicas-to-write in sync (min_slaves_good_slaves, NOREPLICAS)"))
        var one = RedisSettings()
        one.set(.minReplicasToWrite, "1")
        #expect(try snapshot(info, settings: one).condition == nil)
        #expect(try snapshot(["min_slaves_good_slaves": "0"]).condition?.reason
                == "refusing writes: no replica in sync for min-replicas-to-write (min_slaves_good_slaves:0, NOREPLICAS)")
    }

    @Test("no maxmemory in INFO (before Redis 3.2): asked of CONFIG GET, taken from it, unknown (nil, never 0) without it")
    func maxmemoryFallback() throws {
        let old = "redis_version:3.0.7\r\nused_memory:1020054732\r\nevicted_keys:48210\r\n"
        var redis = try #require(RedisSnapshot(info: RedisInfo(text: old)))
        #expect(redis.maxmemory == nil)
        #expect(redis.settingsNeeded == [.maxmemory, .maxmemoryPolicy])
        #expect(redis.condition == nil)
        var settings = RedisSettings()
        settings.set(.maxmemory, "1073741824")
        settings.set(.maxmemoryPolicy, "allkeys-lru")
        redis.apply(settings)
        #expect(redis.maxmemory == 1_073_741_824)
        #expect(redis.condition == RedisCondition(.degraded, "memory at 94% of maxmemory 1.0 GiB, 48210 keys evicted since start (allkeys-lru)"))
        #expect(try snapshot(["maxmemory": "0"]).maxmemory == 0)
    }

    @Test("several degraded reasons are all named, joined with `; `")
    func several() throws {
        var settings = RedisSettings()
        settings.set(.minReplicasToWrite, "1")
        let redis = try snapshot(["aof_last_write_status": "err", "min_slaves_good_slaves": "0"], settings: settings)
        #expect(redis.condition?.reason == "refusing writes: AOF writes failing (aof_last_write_status:err, MISCONF); "
                + "refusing writes: 0 of 1 replica required by min-replicas-to-write in sync (min_slaves_good_slaves, NOREPLICAS)")
    }

    @Test("cluster_state:fail (from CLUSTER INFO) is down (CLUSTERDOWN); degraded when cluster-allow-reads-when-down is yes")
    func clusterDown() throws {
        var redis = try snapshot(["cluster_enabled": "1"])
        #expect(redis.clusterEnabled)
        redis.clusterState = "fail"
        #expect(redis.settingsNeeded == [.clusterAllowReadsWhenDown])
        #expect(redis.condition == RedisCondition(.down, "cluster state is fail: every command refused (cluster_state:fail, CLUSTERDOWN)"))
        var reads = RedisSettings()
        reads.set(.clusterAllowReadsWhenDown, "yes")
        redis.apply(reads)
        #expect(redis.condition?.status == .degraded)
        redis.clusterState = "ok"
        #expect(redis.condition == nil)
    }

    @Test("rejected_connections growing between polls is degraded, naming maxclients; a refused connect is down")
    func rejectedConnections() throws {
        let before = try snapshot(["rejected_connections": "3", "maxclients": "2"])
        var after = try snapshot(["rejected_connections": "5", "maxclients": "2"])
        #expect(after.condition == nil, "first poll: no previous count")
        after.computeRates(since: before, seconds: 1)
        #expect(after.condition == RedisCondition(.degraded, "refusing new connections: 2 rejected since the last poll (maxclients 2)"))
        var steady = try snapshot(["rejected_connections": "5", "maxclients": "2"])
        steady.computeRates(since: after, seconds: 1)
        #expect(steady.condition == nil)
        #expect(RedisCondition.errorReply("ERR max number of clients reached", command: "INFO")
                == RedisCondition(.down, "refusing new connections: maxclients reached (ERR max number of clients reached)"))
        #expect(RedisCondition.errorReply("DENIED Redis is running in protected mode because protected mode is enabled", command: "INFO")
                == RedisCondition(.down, "protected mode refuses clients from this address, no password set (DENIED)"))
    }
}
