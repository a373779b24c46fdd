/// What one redis poll learned from `INFO`.
public struct RedisSnapshot: Sendable, Equatable {
    public var version: String
    public var uptimeSeconds: Int64
    public var usedMemory: Int64
    public var usedMemoryRSS: Int64
    public var usedMemoryPeak: Int64
    /// Bytes; 0 means no limit, nil that the limit is unknown (INFO before Redis 3.2 has no `maxmemory`
    /// and `CONFIG GET maxmemory` could not be read). Never 0 for unknown.
    public var maxmemory: Int64?
    public var maxmemoryPolicy: String
    /// `mem_not_counted_for_evict`: replication and AOF buffers that `maxmemory` does not count.
    public var memNotCountedForEvict: Int64
    public var fragmentationRatio: Double
    public var fragmentationBytes: Int64
    public var connectedClients: Int64
    public var blockedClients: Int64
    public var rejectedConnections: Int64
    public var opsPerSec: Int64
    public var keyspaceHits: Int64
    public var keyspaceMisses: Int64
    public var evictedKeys: Int64
    public var expiredKeys: Int64
    public var rdbLastBgsaveStatus: String
    public var rdbChangesSinceLastSave: Int64
    public var aofEnabled: Bool
    public var aofLastWriteStatus: String
    public var role: String
    /// Only for replicas.
    public var masterLinkStatus: String?
    /// `master_sync_in_progress:1`: a replica receiving a full copy from its master.
    public var masterSyncInProgress: Bool
    /// `min_slaves_good_slaves`: replicas within `min-replicas-max-lag`; present only when
    /// `min-replicas-to-write` is set.
    public var minReplicasGood: Int64?
    /// `loading:1`: the dataset is being loaded from disk; every data command gets `-LOADING`.
    public var loading: Bool
    /// `async_loading:1`: a replica loading a new dataset while serving the old one (Redis 7).
    public var asyncLoading: Bool
    /// `loading_loaded_perc`: how much of the file is loaded, 0–100; nil when not loading.
    public var loadingLoadedPerc: Double?
    /// `loading_eta_seconds`: Redis's estimate of the seconds left; nil when not loading.
    public var loadingEtaSeconds: Int64?
    /// `cluster_enabled:1`: a cluster node, whose own state INFO does not print.
    public var clusterEnabled: Bool
    /// `cluster_state` from `CLUSTER INFO` (`ok` or `fail`), read only for a cluster node; nil otherwise.
    public var clusterState: String?
    /// `maxclients`: the connection limit (Redis 7 prints it under Clients); nil when absent.
    public var maxclients: Int64?
    /// New connections refused (`rejected_connections`, maxclients reached) since the previous poll;
    /// nil on the first.
    public var rejectedSincePrevious: Int64?
    /// Values read with `CONFIG GET` because INFO lacks them (see ``RedisSettings``).
    public var settings = RedisSettings()
    /// Seconds since the process started, the clock for rates.
    public var elapsedClock: Double = 0
    /// Keys evicted and expired per second since the previous poll; nil on the first.
    public var evictedPerSec: Double?
    public var expiredPerSec: Double?
    /// Keyspace hits over lookups since the previous poll (or since start on the first poll).
    public var hitRatio: Double?

    /// Fragmentation worth flagging: ratio above 1.5 AND more than 64 MiB wasted (the ratio alone misleads on small data).
    public var fragmentationIsHigh: Bool {
        fragmentationRatio > 1.5 && fragmentationBytes > 64 * 1024 * 1024
    }

    /// Reads the fields from parsed INFO; nil when it is not an INFO reply (no `redis_version` or `used_memory`).
    public init?(info: RedisInfo) {
        guard let version = info["redis_version"], let used = info.integer("used_memory") else { return nil }
        self.version = version
        uptimeSeconds = info.integer("uptime_in_seconds") ?? 0
        usedMemory = used
        usedMemoryRSS = info.integer("used_memory_rss") ?? 0
        usedMemoryPeak = info.integer("used_memory_peak") ?? 0
        maxmemory = info.integer("maxmemory")
        maxmemoryPolicy = info["maxmemory_policy"] ?? ""
        memNotCountedForEvict = info.integer("mem_not_counted_for_evict") ?? 0
        fragmentationRatio = info.number("mem_fragmentation_ratio") ?? 0
        fragmentationBytes = info.integer("mem_fragmentation_bytes") ?? max(0, usedMemoryRSS - used)
        connectedClients = info.integer("connected_clients") ?? 0
        blockedClients = info.integer("blocked_clients") ?? 0
        rejectedConnections = info.integer("rejected_connections") ?? 0
        opsPerSec = info.integer("instantaneous_ops_per_sec") ?? 0
        keyspaceHits = info.integer("keyspace_hits") ?? 0
        keyspaceMisses = info.integer("keyspace_misses") ?? 0
        evictedKeys = info.integer("evicted_keys") ?? 0
        expiredKeys = info.integer("expired_keys") ?? 0
        rdbLastBgsaveStatus = info["rdb_last_bgsave_status"] ?? "unknown"
        rdbChangesSinceLastSave = info.integer("rdb_changes_since_last_save") ?? 0
        aofEnabled = info["aof_enabled"] == "1"
        aofLastWriteStatus = info["aof_last_write_status"] ?? "unknown"
        role = info["role"] ?? "unknown"
        masterLinkStatus = info["master_link_status"]
        masterSyncInProgress = info["master_sync_in_progress"] == "1"
        minReplicasGood = info.integer("min_slaves_good_slaves")
        clusterEnabled = info["cluster_enabled"] == "1"
        maxclients = info.integer("maxclients")
        loading = info["loading"] == "1"
        asyncLoading = info["async_loading"] == "1"
        let loadingNow = loading || asyncLoading
        loadingLoadedPerc = loadingNow ? info.number("loading_loaded_perc") : nil
        loadingEtaSeconds = loadingNow ? info.integer("loading_eta_seconds") : nil
        let lookups = keyspaceHits + keyspaceMisses
        hitRatio = lookups > 0 ? Double(keyspaceHits) / Double(lookups) : nil
    }

    /// The `CONFIG GET` values the rules need and INFO does not give, current name first.
    public var settingsNeeded: [RedisSettings.Parameter] {
        var needed: [RedisSettings.Parameter] = []
        if maxmemory == nil { needed += [.maxmemory, .maxmemoryPolicy] }
        if rdbLastBgsaveStatus == "err" { needed += [.stopWritesOnBgsaveError, .save] }
        if minReplicasGood != nil { needed.append(.minReplicasToWrite) }
        if role == "slave", masterLinkStatus != "up" { needed.append(.replicaServeStaleData) }
        if clusterState == "fail" { needed.append(.clusterAllowReadsWhenDown) }
        return needed
    }

    /// Records what `CONFIG GET` gave, filling `maxmemory` and its policy when INFO lacked them.
    public mutating func apply(_ settings: RedisSettings) {
        self.settings = settings
        if maxmemory == nil { maxmemory = settings.maxmemory }
        if maxmemoryPolicy.isEmpty, let policy = settings.maxmemoryPolicy { maxmemoryPolicy = policy }
    }

    /// Fills the per-second rates and the recent hit ratio from the previous poll, `seconds` apart.
    public mutating func computeRates(since previous: RedisSnapshot?, seconds: Double) {
        guard let previous, seconds > 0, uptimeSeconds >= previous.uptimeSeconds,
              evictedKeys >= previous.evictedKeys, expiredKeys >= previous.expiredKeys else { return }
        if rejectedConnections >= previous.rejectedConnections {
            rejectedSincePrevious = rejectedConnections - previous.rejectedConnections
        }
        evictedPerSec = Double(evictedKeys - previous.evictedKeys) / seconds
        expiredPerSec = Double(expiredKeys - previous.expiredKeys) / seconds
        let hits = keyspaceHits - previous.keyspaceHits
        let misses = keyspaceMisses - previous.keyspaceMisses
        if hits >= 0, misses >= 0, hits + misses > 0 {
            hitRatio = Double(hits) / Double(hits + misses)
        }
    }
}
