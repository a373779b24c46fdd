import FoundationEssentials

/// The `metrics` object of a probe in `touchline check --json`, keyed in snake_case.
public enum MetricsJSON {
    /// The numbers of `metrics` as JSON fields.
    /// `now` is the time a certificate's `days_left` counts from (a snapshot's, or the present).
    public static func object(for metrics: ProbeMetrics, now: Date = Date()) -> [String: JSONValue] {
        switch metrics {
        case .none:
            return [:]
        case .http(let http):
            return self.http(http, now: now)
        case .postgres(let pg):
            return postgres(pg)
        case .prometheus(let prometheus):
            return PrometheusSummary.metricsJSON(prometheus)
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

    /// The http fields: `status_code` (absent when no response came), `http_version`, `tls_version`, `timings_ms` (the `curl -w` phases in
    /// milliseconds: `time_namelookup`, `time_connect`, `time_appconnect`, `time_starttransfer`, `time_total`),
    /// `certificate` (`subject`, `issuer`, `not_after` as UTC ISO 8601, `days_left` at `now`), `location`
    /// of an unfollowed redirect, and `insecure` when verification is off.
    public static func http(_ http: HTTPSnapshot, now: Date = Date()) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        if http.statusCode > 0 { fields["status_code"] = .integer(Int64(http.statusCode)) }
        if let version = http.httpVersion { fields["http_version"] = .string(version) }
        if let version = http.tlsVersion { fields["tls_version"] = .string(version) }
        if let timings = http.timings {
            fields["timings_ms"] = .object(Dictionary(uniqueKeysWithValues: timings.named.map {
                ($0.name, JSONValue.number(($0.seconds * 1000 * 1000).rounded() / 1000))
            }))
        }
        if let certificate = http.certificate {
            fields["certificate"] = .object([
                "subject": .string(certificate.subject),
                "issuer": .string(certificate.issuer),
                "not_after": .string(UTCTimestamp.format(certificate.notAfter)),
                "days_left": .integer(Int64(certificate.daysLeft(at: now))),
            ])
        }
        if let location = http.location { fields["location"] = .string(location) }
        if http.insecure { fields["insecure"] = .bool(true) }
        return fields
    }

    /// The postgres fields: pg_stat_activity counts, the limit that binds first (`binding_limit`: `server`,
    /// `reserved`, `database` or `role`, with `binding_limit_name`, `binding_connections` sessions of
    /// `usable_connections`), the lock wait with its blocker, and the oldest open transactions.
    private static func postgres(_ pg: PostgresSnapshot) -> [String: JSONValue] {
        let binding = pg.bindingLimit
        var fields: [String: JSONValue] = [
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
        fields["superuser_reserved_connections"] = .integer(Int64(pg.superuserReservedConnections))
        fields["reserved_connections"] = .integer(Int64(pg.reservedConnections))
        fields["usable_connections"] = .integer(Int64(binding.limit))
        fields["binding_limit"] = .string(binding.kind.rawValue)
        fields["binding_limit_name"] = .string(binding.name)
        fields["binding_connections"] = .integer(Int64(binding.used))
        fields["database_connection_limit"] = pg.databaseConnectionLimit >= 0 ? .integer(Int64(pg.databaseConnectionLimit)) : .null
        fields["database_sessions"] = .integer(Int64(pg.databaseSessions))
        fields["role_connection_limit"] = pg.roleLimit.map { .integer(Int64($0.limit)) } ?? .null
        fields["role_connection_limit_role"] = .string(pg.roleLimit?.name)
        fields["role_sessions"] = pg.roleLimit.map { .integer(Int64($0.used)) } ?? .null
        fields["lock_wait_pid"] = pg.lockWait.map { .integer(Int64($0.waiterPid)) } ?? .null
        fields["lock_wait_seconds"] = .number(pg.lockWait?.waitSeconds)
        fields["lock_wait_query"] = .string(pg.lockWait?.waiterText)
        fields["blocking_pid"] = pg.lockWait.map { .integer(Int64($0.blocker.pid)) } ?? .null
        fields["blocking_state"] = .string(pg.lockWait?.blocker.state)
        fields["blocking_application"] = .string(pg.lockWait?.blocker.application)
        fields["blocking_transaction_seconds"] = .number(pg.lockWait?.blocker.transactionSeconds)
        fields["blocking_query"] = .string(pg.lockWait?.blocker.text)
        fields["longest_query_state"] = .string(pg.longestQuery?.state)
        for (prefix, session) in [("oldest_transaction", pg.oldestTransaction),
                                  ("oldest_idle_transaction", pg.oldestIdleTransaction)] {
            fields["\(prefix)_pid"] = session.map { .integer(Int64($0.pid)) } ?? .null
            fields["\(prefix)_seconds"] = .number(session?.transactionSeconds)
            fields["\(prefix)_state"] = .string(session?.state)
            fields["\(prefix)_state_seconds"] = .number(session?.stateSeconds)
            fields["\(prefix)_application"] = .string(session?.application)
            fields["\(prefix)_query"] = .string(session?.text)
        }
        return fields
    }
}
