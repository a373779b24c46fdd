/// The `metrics` object of a probe in `touchline check --json`, keyed in snake_case.
public enum MetricsJSON {
    /// The numbers of `metrics` as JSON fields.
    public static func object(for metrics: ProbeMetrics) -> [String: JSONValue] {
        switch metrics {
        case .none:
            return [:]
        case .http(let code):
            return ["status_code": .integer(Int64(code))]
        case .postgres(let pg):
            return [
                "server_version": .string(pg.serverVersion),
                "uptime_seconds": .number(pg.uptimeSeconds),
                "connections": .integer(Int64(pg.connections)),
                "max_connections": .integer(Int64(pg.maxConnections)),
                "active": .integer(Int64(pg.active)),
                "idle": .integer(Int64(pg.idle)),
                "idle_in_transaction": .integer(Int64(pg.idleInTransaction)),
                "idle_in_transaction_aborted": .integer(Int64(pg.idleInTransactionAborted)),
                "waiting": .integer(Int64(pg.waiting)),
                "longest_query_seconds": .number(pg.longestQuery?.seconds),
                "longest_query_pid": pg.longestQuery.map { .integer(Int64($0.pid)) } ?? .null,
                "longest_query_application": .string(pg.longestQuery?.application),
                "longest_query": .string(pg.longestQuery?.text),
                "database_size_bytes": .integer(pg.databaseSizeBytes),
                "cache_hit_ratio": .number(pg.cacheHitRatio),
                "tps": .number(pg.tps),
                "rollback_ratio": .number(pg.rollbackRatio),
            ]
        case .redis(let redis):
            return [
                "redis_version": .string(redis.version),
                "used_memory": .integer(redis.usedMemory),
                "used_memory_rss": .integer(redis.usedMemoryRSS),
                "used_memory_peak": .integer(redis.usedMemoryPeak),
                "maxmemory": redis.maxmemory.map { .integer($0) } ?? .null,
                "maxmemory_policy": .string(redis.maxmemoryPolicy),
                "mem_fragmentation_ratio": .number(redis.fragmentationRatio),
                "mem_fragmentation_bytes": .integer(redis.fragmentationBytes),
                "connected_clients": .integer(redis.connectedClients),
                "blocked_clients": .integer(redis.blockedClients),
                "rejected_connections": .integer(redis.rejectedConnections),
                "ops_per_sec": .integer(redis.opsPerSec),
                "hit_ratio": .number(redis.hitRatio),
                "evicted_keys": .integer(redis.evictedKeys),
                "expired_keys": .integer(redis.expiredKeys),
                "evicted_keys_per_sec": .number(redis.evictedPerSec),
                "expired_keys_per_sec": .number(redis.expiredPerSec),
                "rdb_last_bgsave_status": .string(redis.rdbLastBgsaveStatus),
                "aof_last_write_status": .string(redis.aofLastWriteStatus),
                "role": .string(redis.role),
                "master_link_status": .string(redis.masterLinkStatus),
                "loading": .bool(redis.loading),
                "async_loading": .bool(redis.asyncLoading),
                "loading_loaded_perc": .number(redis.loadingLoadedPerc),
                "loading_eta_seconds": redis.loadingEtaSeconds.map { .integer($0) } ?? .null,
                "min_slaves_good_slaves": redis.minReplicasGood.map { .integer($0) } ?? .null,
            ]
        }
    }
}
