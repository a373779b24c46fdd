import Foundation
import TouchlineCore

/// Hand-built dashboard states for the snapshot tests: fixed clock, deterministic samples.
enum Scenarios {
    /// 2025-06-15 15:06:40 UTC.
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    // MARK: Config

    static func probes() -> [ProbeConfig] {
        [
            http("api", url: "https://api.staging.example.com/health", interval: 2, warn: 0.5),
            http("auth", url: "https://auth.staging.example.com/healthz", interval: 2, warn: 0.5),
            ProbeConfig(name: "postgres", interval: 5, timeout: 3, latencyWarn: 0.5,
                        target: .postgres(dsn: "postgres://touchline@db:5432/app", passwordEnv: "PGPASSWORD")),
            ProbeConfig(name: "redis", interval: 5, timeout: 2, latencyWarn: nil,
                        target: .redis(address: HostPort(host: "cache", port: 6379), passwordEnv: nil)),
            ProbeConfig(name: "queue-worker", interval: 10, timeout: 2, latencyWarn: nil,
                        target: .tcp(HostPort(host: "worker", port: 9000))),
        ]
    }

    static func http(_ name: String, url: String, interval: Double, warn: Double?) -> ProbeConfig {
        let target = HTTPProbeTarget(url: url, address: HostPort(host: "api", port: 443), path: "/health",
                                     expectStatus: [], statusField: "status", versionField: "version")
        return ProbeConfig(name: name, interval: interval, timeout: 2, latencyWarn: warn, target: .http(target))
    }

    static func environments() -> [EnvironmentConfig] {
        [
            EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false,
                              stateDirectory: "/var/lib/touchline/staging", probes: probes()),
            EnvironmentConfig(name: "production", label: "PRODUCTION", interval: 2, protected: true,
                              stateDirectory: "/var/lib/touchline/production", probes: probes()),
            EnvironmentConfig(name: "dev", label: "DEV", interval: 5, protected: false,
                              stateDirectory: "/tmp/touchline", probes: Array(probes().prefix(2))),
        ]
    }

    // MARK: Metrics

    static func postgres(connections: Int = 42, active: Int = 3, idleInTransaction: Int = 0, aborted: Int = 0,
                         waiting: Int = 0, longQuery: (seconds: Double, pid: Int, app: String, state: String, text: String)? =
                            (0.42, 48_213, "checkout-api", "active", "SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20"),
                         tps: Double = 184.6, extra: [String?]? = nil) -> PostgresSnapshot? {
        let idle = connections - active - idleInTransaction - aborted - 1
        let row: [String?] = [
            "16.4", "356521.5", "100",
            "\(connections)", "\(active)", "\(idle)", "\(idleInTransaction)", "\(aborted)", "\(waiting)",
            longQuery.map { String($0.seconds) }, longQuery.map { String($0.pid) }, longQuery?.app, longQuery?.state, longQuery?.text,
            "1288490189", "998200", "3100", "5512345", "1234", "1750000000.0",
        ] + (extra ?? [])
        guard var snapshot = PostgresSnapshot(row: row) else { return nil }
        snapshot.tps = tps
        snapshot.rollbackRatio = 0.002
        return snapshot
    }

    static func redis(used: Int64 = 402_653_184, maxmemory: Int64 = 1_073_741_824, fragmentation: Double = 1.08,
                      fragmentationBytes: Int64 = 33_554_432) -> RedisSnapshot? {
        let info = """
            # Server\r
            redis_version:7.2.4\r
            uptime_in_seconds:1209600\r
            # Clients\r
            connected_clients:57\r
            blocked_clients:0\r
            # Memory\r
            used_memory:\(used)\r
            used_memory_rss:\(used + fragmentationBytes)\r
            used_memory_peak:536870912\r
            maxmemory:\(maxmemory)\r
            maxmemory_policy:allkeys-lru\r
            mem_fragmentation_ratio:\(fragmentation)\r
            mem_fragmentation_bytes:\(fragmentationBytes)\r
            # Persistence\r
            rdb_changes_since_last_save:1842\r
            rdb_last_bgsave_status:ok\r
            aof_enabled:0\r
            aof_last_write_status:ok\r
            # Stats\r
            rejected_connections:0\r
            instantaneous_ops_per_sec:3412\r
            keyspace_hits:981234\r
            keyspace_misses:18766\r
            evicted_keys:0\r
            expired_keys:5120\r
            # Replication\r
            role:master\r

            """
        guard var snapshot = RedisSnapshot(info: RedisInfo(text: info)) else { return nil }
        snapshot.evictedPerSec = 0
        snapshot.expiredPerSec = 2.4
        return snapshot
    }

    // MARK: Samples

    /// A sample generator per probe: index of the sample, seconds before now.
    typealias Generator = (_ index: Int, _ secondsAgo: Int) -> ProbeSample?

    /// Five minutes of history for every probe, fed through the reducer in time order (so the events are real).
    static func feed(_ state: inout DashboardState, history: Int = 300, override: [String: Generator] = [:]) {
        var samples: [ProbeSample] = []
        for probe in state.probes {
            let interval = Int(probe.config.interval)
            let generator = override[probe.config.name] ?? standard(probe.config.name)
            var index = 0
            for ago in stride(from: history - history % interval, through: 0, by: -interval) {
                if let sample = generator(index, ago) { samples.append(sample) }
                index += 1
            }
        }
        samples.sort { $0.time < $1.time }
        for sample in samples {
            _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
        }
        state.now = now
    }

    static func time(_ secondsAgo: Int) -> Date { now.addingTimeInterval(Double(-secondsAgo)) }

    static func standard(_ name: String) -> Generator {
        switch name {
        case "api":
            return { index, ago in
                if (184...188).contains(ago) {
                    return ProbeSample(probe: name, time: time(ago), status: .down, latency: 0.004,
                                       error: "HTTP 503 Service Unavailable", metrics: .http(statusCode: 503))
                }
                let ms = Double(14 + (index * 7) % 11) + (index % 23 == 0 ? 180 : 0) + Double(index % 3) / 10
                return ProbeSample(probe: name, time: time(ago), status: .up, latency: ms / 1000, version: "v2.14.1",
                                   metrics: .http(statusCode: 200))
            }
        case "auth":
            return { index, ago in
                let ms = Double(31 + (index * 5) % 13) + 0.5
                return ProbeSample(probe: name, time: time(ago), status: .up, latency: ms / 1000, version: "v1.9.0",
                                   metrics: .http(statusCode: 200))
            }
        case "postgres":
            return { index, ago in
                let metrics = postgres(connections: 40 + index % 5).map(ProbeMetrics.postgres) ?? .none
                return ProbeSample(probe: name, time: time(ago), status: .up, latency: (2.1 + Double(index % 5) * 0.3) / 1000,
                                   metrics: metrics)
            }
        case "redis":
            return { index, ago in
                ProbeSample(probe: name, time: time(ago), status: .up, latency: (0.4 + Double(index % 4) * 0.1) / 1000,
                            metrics: redis().map(ProbeMetrics.redis) ?? .none)
            }
        default:
            return { _, ago in
                ProbeSample(probe: name, time: time(ago), status: .up, latency: 0.0008)
            }
        }
    }

    // MARK: States

    static func base(width: Int, height: Int, environment: Int = 0) -> DashboardState {
        DashboardState(environments: environments(), environmentIndex: environment, theme: "default",
                       themes: ["default", "light"], readOnly: false, now: now, width: width, height: height)
    }

    /// Everything healthy (with one short api outage three minutes ago, in the events).
    static func allUp(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        feed(&state)
        return state
    }

    /// Redis refusing connections for the last 40 s; the queue worker's probe has not reported for 45 s.
    static func redisDown(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        let redisStandard = standard("redis")
        feed(&state, override: [
            "redis": { index, ago in
                guard ago <= 40 else { return redisStandard(index, ago) }
                return ProbeSample(probe: "redis", time: time(ago), status: .down, latency: nil,
                                   error: "connection refused (cache:6379)")
            },
            "queue-worker": { _, ago in
                ago < 45 ? nil : ProbeSample(probe: "queue-worker", time: time(ago), status: .up, latency: 0.0008)
            },
        ])
        return state
    }

    /// The extra columns of a postgres row: 3 superuser-reserved slots, no database or role limit, and the
    /// given lock wait (waiter pid, seconds, blocker columns) and oldest / oldest idle transactions.
    static func postgresExtra(wait: (Int, Double, [String?])? = nil, oldest: [String?]? = nil,
                              idle: [String?]? = nil) -> [String?] {
        var extra: [String?] = ["3", nil, "app", "-1", "91", nil, nil, nil]
        extra += [wait.map { "\($0.0)" }, wait.map { "\($0.1)" }, wait.map { _ in "UPDATE accounts SET balance = 0" }]
        extra += wait?.2 ?? Array(repeating: nil, count: 6)
        extra += oldest ?? Array(repeating: nil, count: 6)
        extra += idle ?? Array(repeating: nil, count: 6)
        return extra
    }

    /// A session left idle in transaction 1m 40s by `idletx`, holding a lock.
    static let idleSession: [String?] = ["1626", "idletx", "idle in transaction", "100.4", "77.0", "select count(*) from teams;"]

    /// Postgres with sessions waiting on locks held by a transaction left idle, near the usable connection
    /// limit (91 of 97 usable), and a 12 s query.
    static func postgresLocks(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        feed(&state, override: [
            "postgres": { index, ago in
                let locked = ago <= 30
                let snapshot = locked
                    ? postgres(connections: 91, active: 14, idleInTransaction: 3, aborted: 1, waiting: 4,
                               longQuery: (12.43, 51_877, "billing-worker", "active",
                                           "UPDATE accounts\n   SET balance = balance - $1, updated_at = now()\n WHERE id = $2"),
                               tps: 41.2,
                               extra: postgresExtra(wait: (51_955, 23.8, idleSession), oldest: idleSession, idle: idleSession))
                    : postgres(connections: 40 + index % 5)
                return ProbeSample(probe: "postgres", time: time(ago), status: locked ? .degraded : .up,
                                   latency: locked ? 0.62 : 0.0021, error: locked ? "slow: 620 ms > 500ms" : nil,
                                   metrics: snapshot.map(ProbeMetrics.postgres) ?? .none)
            },
        ])
        return state
    }

    /// Postgres with one transaction left idle in transaction for 1m 40s (the case B): the oldest
    /// transaction shown with its state, the longest statement a different, running one.
    static func postgresIdleTransaction(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        feed(&state, override: [
            "postgres": { index, ago in
                let snapshot = postgres(connections: 42, idleInTransaction: 1,
                                        extra: postgresExtra(oldest: idleSession, idle: idleSession))
                let idle = ago <= 40
                return ProbeSample(probe: "postgres", time: time(ago), status: idle ? .degraded : .up, latency: 0.0021,
                                   error: idle ? snapshot?.pressure : nil, metrics: snapshot.map(ProbeMetrics.postgres) ?? .none)
            },
        ])
        return state
    }

    /// Production, read-only, data frozen with `p`.
    static func paused(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height, environment: 1)
        state.readOnly = true
        feed(&state)
        state.frozen = state.probes
        return state
    }

    /// The help overlay over the healthy dashboard.
    static func help(width: Int, height: Int) -> DashboardState {
        var state = allUp(width: width, height: height)
        state.overlay = .help
        return state
    }

    /// A rollback running: the Output pane (focused) in API latency's place, the footer with its progress.
    static func actionRunning(width: Int, height: Int) -> DashboardState {
        var state = allUp(width: width, height: height)
        state.actions.entries["staging", default: .init()].backup = ActionSpec(
            kind: .backup, environment: "staging", commands: [], lines: ["pg_dump … | gzip -c > backups/staging/x.sql.gz"],
            consequence: "writes a new verified backup file and updates manifest.json; the database is only read", confirmation: .yesNo)
        state.runningAction = RunningAction(action: "rollback to 1.4.2", progress: "waiting for api to report 1.4.2")
        state.actionOutput = ActionOutput(title: "rollback to 1.4.2 · staging", commands: ["scripts/stack rollback 1.4.2"])
        state.actionOutput?.append(["stack: api: stopping release 1.5.0", "stack: api: starting release 1.4.2 on port 8001",
                                    "stack: api: up (pid 4242)", "waiting for api to report 1.4.2"])
        state.focus = .output
        return state
    }

    /// A rehearsal at its load test: the steps above the output, zoomed at the large size.
    static func rehearsalRunning(width: Int, height: Int) -> DashboardState {
        var state = actionRunning(width: width, height: height)
        state.runningAction = RunningAction(action: "rehearsal", progress: "step 5/8 Load test")
        state.actionOutput = ActionOutput(title: "rehearsal · staging", commands: ["scripts/stack deploy 1.6.0"])
        var steps = RehearsalStep.allCases.map(RehearsalStepRecord.init)
        let summaries = ["3 probes up, 2.1 GiB free, pg_dump 15.4", "73.5 KiB, verified, 3 tables / 8040 rows",
                         "1.5.0 → 1.6.0, downtime 4.44 s", "2/2 passed"]
        for index in 0..<4 {
            steps[index].state = .passed
            steps[index].duration = [0.53, 0.53, 4.8, 0.2][index]
            steps[index].summary = summaries[index]
        }
        steps[4].state = .running
        steps[4].startedAt = now.addingTimeInterval(-3)
        state.actionOutput?.steps = steps
        state.actionOutput?.append(["load: 10 workers for 10s against 2 endpoints"])
        state.zoomed = height >= 40
        return state
    }

    /// The environment picker, PRODUCTION highlighted.
    static func picker(width: Int, height: Int) -> DashboardState {
        var state = allUp(width: width, height: height)
        state.overlay = .environmentPicker(selected: 1)
        return state
    }

    /// The latency pane zoomed.
    static func zoomed(width: Int, height: Int) -> DashboardState {
        var state = allUp(width: width, height: height)
        state.focus = .latency
        state.zoomed = true
        return state
    }

    /// `scripts/stack fault api latency 3s` against the api's 2 s timeout for the last minute: every check
    /// ran out of its deadline, so the latency, the P95 and the API latency pane read `≥2.0 s`, never calm.
    static func apiTimingOut(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        let apiStandard = standard("api")
        feed(&state, override: [
            "api": { index, ago in
                guard ago <= 60 else { return apiStandard(index, ago) }
                return ProbeSample.timedOut(probe: "api", time: time(ago), timeout: 2, error: "timeout after 2s")
            },
        ])
        return state
    }

    /// Staging shown again 30 s ago after 90 s on production: its history is kept, with one gap column
    /// where it was not polled, and the latency pane says how long that was.
    static func returned(width: Int, height: Int) -> DashboardState {
        var state = base(width: width, height: height)
        let before = Dictionary(uniqueKeysWithValues: state.probes.map { probe in
            let generator = standard(probe.config.name)
            return (probe.config.name, { (index: Int, ago: Int) in ago >= 120 ? generator(index, ago) : nil } as Generator)
        })
        feed(&state, override: before)
        state.now = time(120)
        _ = DashboardReducer.reduce(&state, .key(.character("2")))
        state.now = time(30)
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        let after = Dictionary(uniqueKeysWithValues: state.probes.map { probe in
            let generator = standard(probe.config.name)
            return (probe.config.name, { (index: Int, ago: Int) in ago < 30 ? generator(index, ago) : nil } as Generator)
        })
        feed(&state, override: after)
        return state
    }

    /// Typing a filter, with a notice in the footer and the second row selected.
    static func filtering(width: Int, height: Int) -> DashboardState {
        var state = allUp(width: width, height: height)
        state.filter = "a"
        state.editingFilter = true
        state.selection[.services] = 1
        state.notice = "theme 'solarized' not found; using default"
        return state
    }
}
