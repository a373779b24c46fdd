import Foundation
import Testing
@testable import TouchlineCore

/// The postgres rules on full rows of the probe's query: the limit that refuses the application's
/// connections, the session that blocks the others, the transaction left idle.
@Suite("PostgreSQL pressure")
struct PostgresPressureTests {
    /// A full row of ``PostgresSnapshot/query``; `limits` = (superuser reserved, reserved, datconnlimit,
    /// db sessions), `role` = (name, rolconnlimit, sessions).
    static func row(connections: Int = 40, maxConnections: Int = 100, waiting: Int = 0,
                    limits: (Int, Int?, Int, Int) = (3, nil, -1, 40), role: (String, Int, Int)? = nil,
                    wait: (pid: Int, seconds: Double, blocker: [String?])? = nil,
                    oldest: [String?]? = nil, idle: [String?]? = nil) -> [String?] {
        var row: [String?] = ["15.4", "3600", "\(maxConnections)", "\(connections)", "3", "\(connections - 4)", "0", "0",
                              "\(waiting)", "0.5", "4242", "billing", "active", "UPDATE accounts SET balance = 0",
                              "1288490189", "998200", "3100", "5512345", "1234", "1750000000.0"]
        row += ["\(limits.0)", limits.1.map(String.init), "app", "\(limits.2)", "\(limits.3)"]
        row += [role?.0, role.map { "\($0.1)" }, role.map { "\($0.2)" }]
        row += [wait.map { "\($0.pid)" }, wait.map { "\($0.seconds)" }, wait.map { _ in "SELECT count(*) FROM matches" }]
        row += wait?.blocker ?? Array(repeating: nil, count: 6)
        row += oldest ?? Array(repeating: nil, count: 6)
        row += idle ?? Array(repeating: nil, count: 6)
        return row
    }

    static let sleeper: [String?] = ["1892", "psql", "active", "10.4", "10.4", "LOCK TABLE matches; SELECT pg_sleep(60)"]
    static let idler: [String?] = ["1626", "idletx", "idle in transaction", "100.2", "95.0", "select count(*) from teams;"]

    @Test("a full row parses every limit, the lock wait and the oldest transactions; a 20-column row still parses")
    func fullRow() throws {
        let pg = try #require(PostgresSnapshot(row: Self.row(limits: (10, 5, 50, 12), role: ("api", 20, 7),
                                                             wait: (1955, 8.2, Self.sleeper), oldest: Self.idler, idle: Self.idler)))
        #expect(pg.superuserReservedConnections == 10)
        #expect(pg.reservedConnections == 5)
        #expect(pg.databaseConnectionLimit == 50 && pg.databaseSessions == 12 && pg.databaseName == "app")
        #expect(pg.roleLimit == ConnectionLimit(kind: .role, name: "api", used: 7, limit: 20, maxConnections: 100))
        #expect(pg.lockWait?.waiterPid == 1955 && pg.lockWait?.blocker.pid == 1892)
        #expect(pg.oldestIdleTransaction?.stateSeconds == 95)
        #expect(pg.connectionLimits.map(\.kind) == [ConnectionLimit.Kind.reserved, .database, .role])
        #expect(pg.connectionLimits[0].limit == 85)
        #expect(PostgresSnapshot(row: Array(Self.row().prefix(20)))?.lockWait == nil)
        #expect(PostgresSnapshot(row: Array(Self.row().prefix(30))) == nil)
    }

    @Test("the issue's case: 10 reserved of 100, 90 ordinary sessions: 90/90 usable, only superuser-reserved slots remain")
    func reservedSlots() throws {
        let pg = try #require(PostgresSnapshot(row: Self.row(connections: 90, limits: (10, nil, -1, 90))))
        #expect(pg.bindingLimit.usage == "90/90 usable (100 max)")
        #expect(pg.pressure == "only superuser-reserved slots remain: 90/90 usable (100 max)")
        let near = try #require(PostgresSnapshot(row: Self.row(connections: 87, limits: (10, nil, -1, 87))))
        #expect(near.pressure == "connections near the limit: 87/90 usable (100 max)")
        let fine = try #require(PostgresSnapshot(row: Self.row(connections: 86, limits: (10, nil, -1, 86))))
        #expect(fine.pressure == nil)
        let pg16 = try #require(PostgresSnapshot(row: Self.row(connections: 85, limits: (10, 5, -1, 85))))
        #expect(pg16.pressure == "only reserved slots remain: 85/85 usable (100 max)")
        let none = try #require(PostgresSnapshot(row: Self.row(connections: 97, limits: (0, nil, -1, 97))))
        #expect(none.pressure == "connections near the limit: 97/100")
        let full = try #require(PostgresSnapshot(row: Self.row(connections: 100, limits: (0, nil, -1, 100))))
        #expect(full.pressure == "connections at max_connections: 100/100")
    }

    @Test("the database's and a role's limits bind before the server's; a small limit is near only when full")
    func databaseAndRoleLimits() throws {
        let database = try #require(PostgresSnapshot(row: Self.row(connections: 20, limits: (3, nil, 10, 10))))
        #expect(database.bindingLimit.kind == .database)
        #expect(database.pressure == "database \"app\" at its connection limit: 10/10 database \"app\"")
        let role = try #require(PostgresSnapshot(row: Self.row(connections: 20, limits: (3, nil, 30, 10), role: ("api", 5, 5))))
        #expect(role.bindingLimit.kind == .role && role.bindingLimit.name == "api")
        #expect(role.pressure == "role \"api\" at its connection limit: 5/5 role \"api\"")
        let notYet = try #require(PostgresSnapshot(row: Self.row(connections: 20, limits: (3, nil, -1, 20), role: ("api", 5, 4))))
        #expect(notYet.bindingLimit.usage == "4/5 role \"api\"")
        #expect(notYet.pressure == nil)
        let nearRole = try #require(PostgresSnapshot(row: Self.row(connections: 20, limits: (3, nil, -1, 20), role: ("api", 40, 37))))
        #expect(nearRole.pressure == "connections near the limit: 37/40 role \"api\"")
        #expect(ConnectionLimit(kind: .role, name: "x", used: 0, limit: 5, maxConnections: 100).headroom == 0)
        #expect(ConnectionLimit(kind: .role, name: "x", used: 0, limit: 20, maxConnections: 100).headroom == 2)
    }

    @Test("a lock wait names the waiter and the blocker, not the longest statement; degraded from 5 s of waiting")
    func lockWait() throws {
        let pg = try #require(PostgresSnapshot(row: Self.row(waiting: 1, wait: (1955, 8.2, Self.sleeper))))
        #expect(pg.pressure == "1 session waiting on locks: pid 1955 waits 8 s on pid 1892 (psql, active 10 s in transaction: "
                + "LOCK TABLE matches; SELECT pg_sleep(60))")
        let idle = try #require(PostgresSnapshot(row: Self.row(waiting: 2, wait: (1955, 23.8, Self.idler))))
        #expect(idle.pressure == "2 sessions waiting on locks: pid 1955 waits 23 s on pid 1626 (idletx, idle in transaction 1m 40s)")
        let brief = try #require(PostgresSnapshot(row: Self.row(waiting: 1, wait: (1955, 0.8, Self.sleeper))))
        #expect(brief.pressure == nil)
        let prepared = LockWait(waiterPid: 7, waitSeconds: 6, waiterText: "",
                                blocker: PostgresSession(pid: 0, application: "", state: "", transactionSeconds: nil,
                                                         stateSeconds: nil, text: ""))
        #expect(prepared.description == "pid 7 waits 6 s on pid 0 (a prepared transaction)")
    }

    @Test("a transaction idle past idle_in_transaction_warn is degraded, named with its state and age")
    func idleInTransaction() throws {
        let pg = try #require(PostgresSnapshot(row: Self.row(oldest: Self.idler, idle: Self.idler)))
        #expect(pg.pressure == "idle in transaction: pid 1626 (idletx), transaction open 1m 40s, idle 1m 35s; "
                + "it holds its locks and blocks vacuum")
        #expect(pg.pressure(idleInTransactionWarn: 120) == nil)
        let active = try #require(PostgresSnapshot(row: Self.row(oldest: Self.sleeper)))
        #expect(active.pressure(idleInTransactionWarn: 1) == nil)
    }

    @Test("check --json: the binding limit, the blocker and the oldest transactions; the check table's detail")
    func reports() throws {
        let pg = try #require(PostgresSnapshot(row: Self.row(connections: 90, waiting: 1, limits: (10, nil, -1, 90),
                                                             wait: (1955, 8.2, Self.idler), oldest: Self.idler, idle: Self.idler)))
        let json = MetricsJSON.object(for: .postgres(pg))
        #expect(json["usable_connections"] == .integer(90))
        #expect(json["binding_limit"] == .string("reserved"))
        #expect(json["binding_connections"] == .integer(90))
        #expect(json["superuser_reserved_connections"] == .integer(10))
        #expect(json["blocking_pid"] == .integer(1626))
        #expect(json["blocking_state"] == .string("idle in transaction"))
        #expect(json["lock_wait_pid"] == .integer(1955))
        #expect(json["oldest_idle_transaction_seconds"] == .number(100.2))
        #expect(json["oldest_transaction_state"] == .string("idle in transaction"))
        let detail = SampleSummary.detail(ProbeSample(probe: "postgres", time: .init(timeIntervalSince1970: 0), status: .up,
                                                      latency: 0.001, metrics: .postgres(pg)))
        #expect(detail.hasPrefix("conns 90/90 usable (100 max) · active 3 · waiting 1 · pid 1955 waits 8 s on pid 1626"), "\(detail)")
        #expect(detail.contains("pid 1626 idle in transaction 1m 40s"), "\(detail)")
    }

    @Test("idle_in_transaction_warn: a duration on postgres probes, 1m by default, refused elsewhere")
    func configKey() throws {
        func load(_ extra: String, kind: String = "postgres") throws -> ProbeConfig? {
            let target = kind == "postgres" ? "dsn = \"host=db\"" : "address = \"cache:6379\""
            let text = """
                [environments.staging]
                [[environments.staging.probes]]
                name = "db"
                kind = "\(kind)"
                \(target)
                \(extra)
                """
            return try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:]).environments.first?.probes.first
        }
        #expect(try load("")?.idleInTransactionWarn == 60)
        #expect(try load("idle_in_transaction_warn = \"5m\"")?.idleInTransactionWarn == 300)
        #expect(throws: ConfigError.self) { try load("idle_in_transaction_warn = \"0s\"") }
        #expect(throws: ConfigError.self) { try load("idle_in_transaction_warn = \"1m\"", kind: "redis") }
    }
}
