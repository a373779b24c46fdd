extension RedisSnapshot {
    /// The state in which this Redis answers INFO but refuses work or loses data, or nil when it serves.
    ///
    /// From Redis's INFO fields and, where INFO is silent, ``settings`` (`CONFIG GET`):
    /// - `down` (commands refused): `loading:1` (every data command gets `-LOADING`); a replica whose
    ///   `master_link_status` is not up with `replica-serve-stale-data no` (`-MASTERDOWN`). A script or
    ///   function past `busy-reply-threshold` refuses INFO itself; see ``RedisCondition/errorReply(_:command:)``.
    ///   A cluster node whose `cluster_state` (CLUSTER INFO) is `fail` (`-CLUSTERDOWN`), unless
    ///   `cluster-allow-reads-when-down yes` keeps reads going (then degraded).
    /// - `degraded` (writes refused, data lost or stale): `async_loading:1`; `aof_last_write_status:err`
    ///   (`-MISCONF`); `rdb_last_bgsave_status:err` with `stop-writes-on-bgsave-error yes` and save points
    ///   set (`-MISCONF`); used memory (less `mem_not_counted_for_evict`) at `maxmemory` under `noeviction`,
    ///   or under a `volatile-*` policy with nothing evicted since the last poll (`-OOM`);
    ///   `min_slaves_good_slaves` below `min-replicas-to-write` (`-NOREPLICAS`); a replica whose link is
    ///   down but serves stale data; a failed background save that refuses nothing; memory pressure
    ///   (``memoryPressure``); new connections rejected since the last poll (`rejected_connections`,
    ///   maxclients reached). Several degraded reasons are joined with `; `.
    public var condition: RedisCondition? {
        if loading { return RedisCondition(.down, "loading dataset" + loadingProgress + ", every command refused (LOADING)") }
        let linkDown = role == "slave" && masterLinkStatus != "up"
        if linkDown, settings.replicaServeStaleData == false {
            return RedisCondition(.down, "replica link to master is \(masterLinkText) and replica-serve-stale-data is no: "
                                  + "every data command refused (MASTERDOWN)")
        }
        if clusterState == "fail", settings.clusterAllowReadsWhenDown != true {
            return RedisCondition(.down, "cluster state is fail: every command refused (cluster_state:fail, CLUSTERDOWN)")
        }
        var reasons: [String] = []
        if clusterState == "fail" {
            reasons.append("refusing writes: cluster state is fail, reads served only for the slots this node holds (cluster-allow-reads-when-down yes, CLUSTERDOWN)")
        }
        if let rejected = rejectedSincePrevious, rejected > 0 {
            let limit = maxclients.map { " (maxclients \($0))" } ?? ""
            reasons.append("refusing new connections: \(rejected) rejected since the last poll\(limit)")
        }
        if asyncLoading { reasons.append("loading the replication dataset" + loadingProgress + " while serving the old one (async_loading)") }
        if aofLastWriteStatus == "err" { reasons.append("refusing writes: AOF writes failing (aof_last_write_status:err, MISCONF)") }
        if let bgsave = bgsaveReason { reasons.append(bgsave) }
        if let full = memoryFullReason { reasons.append(full) }
        if let replicas = minReplicasReason { reasons.append(replicas) }
        if linkDown {
            let stale = settings.replicaServeStaleData == true ? "serving stale data" : "may be serving stale data"
            reasons.append("replica link to master is \(masterLinkText), \(stale)")
        }
        if let pressure = memoryPressure { reasons.append(pressure) }
        return reasons.isEmpty ? nil : RedisCondition(.degraded, reasons.joined(separator: "; "))
    }

    /// ` 25% (eta 42 s)` from `loading_loaded_perc` and `loading_eta_seconds`, or empty without them.
    private var loadingProgress: String {
        guard let percent = loadingLoadedPerc else { return "" }
        let eta = loadingEtaSeconds.map { " (eta \($0) s)" } ?? ""
        return " \(Int(clampingFinite: percent.rounded(.down)))%" + eta
    }

    private var masterLinkText: String {
        (masterLinkStatus ?? "down") + (masterSyncInProgress ? ", full sync in progress" : "")
    }

    /// A failed RDB save: refusing writes when `stop-writes-on-bgsave-error` is yes and save points are set.
    private var bgsaveReason: String? {
        guard rdbLastBgsaveStatus == "err" else { return nil }
        let stops = settings.stopWritesOnBgsaveError
        let saves = settings.savePoints.map { !$0.trimmingSpaces.isEmpty }
        if stops == true, saves == true {
            return "refusing writes: last background save failed and stop-writes-on-bgsave-error is yes (rdb_last_bgsave_status:err, MISCONF)"
        }
        if stops == false || saves == false {
            return "last background save failed (rdb_last_bgsave_status:err); writes still accepted"
        }
        return "last background save failed (rdb_last_bgsave_status:err); writes are refused (MISCONF) "
            + "if stop-writes-on-bgsave-error is yes, which CONFIG GET could not confirm"
    }

    /// Memory at the limit with nothing left to evict: writes refused with `-OOM`.
    private var memoryFullReason: String? {
        guard let maxmemory, maxmemory > 0 else { return nil }
        let counted = usedMemory - memNotCountedForEvict
        guard counted >= maxmemory else { return nil }
        let figures = "\(ByteText.format(counted)) used of maxmemory \(ByteText.format(maxmemory))"
        if maxmemoryPolicy == "noeviction" {
            return "refusing writes: memory full, \(figures) under noeviction (OOM)"
        }
        if maxmemoryPolicy.hasPrefix("volatile-"), evictedPerSec == 0 {
            return "refusing writes that need memory: \(figures) under \(maxmemoryPolicy) and nothing evicted "
                + "since the last poll (no key with a TTL left to evict, OOM)"
        }
        return nil
    }

    /// Fewer replicas in sync than `min-replicas-to-write` asks: writes refused with `-NOREPLICAS`.
    private var minReplicasReason: String? {
        guard let good = minReplicasGood else { return nil }
        if let required = settings.minReplicasToWrite {
            guard good < required else { return nil }
            return "refusing writes: \(good) of \(CountText.format(required, "replica")) required by min-replicas-to-write in sync (min_slaves_good_slaves, NOREPLICAS)"
        }
        guard good == 0 else { return nil }
        return "refusing writes: no replica in sync for min-replicas-to-write (min_slaves_good_slaves:0, NOREPLICAS)"
    }
}

private extension String {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
