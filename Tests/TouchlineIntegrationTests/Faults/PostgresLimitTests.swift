import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// The limits at which PostgreSQL refuses the application's new connections, with real sessions held open:
/// the slots reserved for superusers, a database's CONNECTION LIMIT and a role's. The probe judges usage
/// against the limit that binds first and names it, whether it is open or refused.
extension RealStackSuite {
@Suite("Faults: PostgreSQL connection limits", .serialized)
struct PostgresLimitTests {
    /// A probe of `database` as `user` (password STAGING_DB_PASSWORD), as the dashboard keeps one open.
    private func checker(_ stack: TestStack, database: String, user: String) -> ProbeChecker {
        let dsn = "host=127.0.0.1 port=\(stack.postgresPort) dbname=\(database) user=\(user)"
        let config = ProbeConfig(name: "limited", interval: 1, timeout: 2, latencyWarn: nil,
                                 target: .postgres(dsn: dsn, passwordEnv: "STAGING_DB_PASSWORD"))
        return CheckerFactory.make(config, environment: stack.environment)
    }

    /// `touchline check --json` with a second postgres probe `limited` on `database` as `user`.
    private func checkJSON(_ stack: TestStack, database: String, user: String) throws -> [String: Any]? {
        let extra = """

            [[environments.staging.probes]]
            name = "limited"
            kind = "postgres"
            dsn = "host=127.0.0.1 port=\(stack.postgresPort) dbname=\(database) user=\(user)"
            password_env = "STAGING_DB_PASSWORD"
            timeout = "2s"
            """
        let config = try stack.writeConfig(extraProbes: extra)
        let run = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", config, "--json"],
                                              environment: stack.environment, timeout: 15)
        return FaultSupport.probe("limited", in: run.stdout)
    }

    @Test("a role's and a database's CONNECTION LIMIT: the open probe is degraded naming the limit, a new connection is refused naming it, check --json shows the binding limit")
    func databaseAndRoleLimits() throws {
        let stack = try FaultSupport.stack()
        let tag = "tl_lim_\(getpid())"
        _ = stack.adminQuery("CREATE ROLE \(tag) LOGIN PASSWORD '\(stack.password)' CONNECTION LIMIT 4")
        _ = stack.adminQuery("CREATE DATABASE \(tag) OWNER \(tag)")
        defer {
            _ = stack.adminQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '\(tag)'")
            _ = stack.adminQuery("DROP DATABASE IF EXISTS \(tag) WITH (FORCE)")
            _ = stack.adminQuery("DROP ROLE IF EXISTS \(tag)")
        }
        let holder = try SessionHolder(stack, count: 2, database: tag, user: tag, application: "tl-limit-holder")
        defer { holder.stop() }
        #expect(holder.opened()?.count == 2, "\(holder.output)")

        // Role limit 4, two held, check's own makes 3: up, the role binds (4 - 3 = 1 free; the server has ~90).
        let json = try checkJSON(stack, database: tag, user: tag)
        #expect(json?["status"] as? String == "up", "\(json ?? [:])")
        let metrics = json?["metrics"] as? [String: Any]
        #expect(metrics?["binding_limit"] as? String == "role", "\(metrics ?? [:])")
        #expect(metrics?["binding_limit_name"] as? String == tag)
        #expect(metrics?["usable_connections"] as? Int == 4)
        #expect(metrics?["binding_connections"] as? Int == 3)
        #expect(metrics?["role_connection_limit"] as? Int == 4)

        // Role limit 3: the open probe is the third session, full; a new one is refused with the role named.
        let open = checker(stack, database: tag, user: tag)
        defer { open.close() }
        _ = stack.adminQuery("ALTER ROLE \(tag) CONNECTION LIMIT 3")
        let full = open.check()
        #expect(full.status == .degraded, "\(full.status) \(full.error ?? "")")
        #expect(full.error == "role \"\(tag)\" at its connection limit: 3/3 role \"\(tag)\"", "\(full.error ?? "")")
        let fresh = checker(stack, database: tag, user: tag)
        let refused = fresh.check()
        fresh.close()
        #expect(refused.status == .down)
        #expect(refused.error?.hasPrefix("connections exhausted (role \"\(tag)\" connection limit reached): ") == true,
                "\(refused.error ?? "")")
        #expect(refused.error?.contains("too many connections for role") == true)

        // No role limit, the database's 3: the database binds now.
        _ = stack.adminQuery("ALTER ROLE \(tag) CONNECTION LIMIT -1")
        _ = stack.adminQuery("ALTER DATABASE \(tag) CONNECTION LIMIT 3")
        let database = open.check()
        #expect(database.status == .degraded, "\(database.status) \(database.error ?? "")")
        #expect(database.error == "database \"\(tag)\" at its connection limit: 3/3 database \"\(tag)\"", "\(database.error ?? "")")
        if case .postgres(let pg) = database.metrics {
            #expect(pg.bindingLimit.kind == .database && pg.databaseConnectionLimit == 3 && pg.roleLimit == nil)
        } else {
            Issue.record("no metrics")
        }
        let fresh2 = checker(stack, database: tag, user: tag)
        let refused2 = fresh2.check()
        fresh2.close()
        #expect(refused2.error?.hasPrefix("connections exhausted (database \"\(tag)\" connection limit reached): ") == true,
                "\(refused2.error ?? "")")

        // Room again: up.
        _ = stack.adminQuery("ALTER DATABASE \(tag) CONNECTION LIMIT 10")
        let relieved = open.check()
        #expect(relieved.status == .up, "\(relieved.error ?? "")")
    }

    @Test("the issue's case: superuser_reserved_connections = 10 of 100, an ordinary role: near at 87/90, degraded 'only superuser-reserved slots remain: 90/90 usable (100 max)' when the role is refused, check names the reserved slots")
    func reservedSlots() throws {
        let stack = try FaultSupport.stack()
        _ = stack.adminQuery("ALTER SYSTEM SET superuser_reserved_connections = 10")
        let (code, output) = stack.run(["restart", "postgres"], timeout: 120)
        defer {
            _ = stack.adminQuery("ALTER SYSTEM RESET superuser_reserved_connections")
            stack.run(["restart", "postgres"], timeout: 120)
        }
        try #require(code == 0, "\(output)")
        #expect(stack.adminQuery("SHOW superuser_reserved_connections") == "10")
        // The window between "near" (87) and "full" (90) is three slots: the stack's other clients must be
        // settled first. The postgres exporter opens a connection per scrape (every second): stopped for the
        // test; the stand-in's pools and its data collector reconnect after the restart: waited for.
        stack.run(["stop", "postgres_exporter"], timeout: 30)
        defer { stack.run(["start", "postgres_exporter"], timeout: 30) }
        #expect(stack.waitUntilAPISteady())
        Thread.sleep(forTimeInterval: 2)

        let open = try FaultSupport.checker(stack, "postgres")
        defer { open.close() }
        let first = open.check()
        guard case .postgres(let before) = first.metrics else { Issue.record("no metrics: \(first.error ?? "")"); return }
        #expect(before.bindingLimit == ConnectionLimit(kind: .reserved, used: before.connections, limit: 90, maxConnections: 100))

        // Up to three free slots of the 90 usable: near the limit, judged against 90, not 100.
        let near = try SessionHolder(stack, count: 87 - before.connections, application: "tl-near")
        defer { near.stop() }
        #expect(near.opened()?.error == "", "\(near.output)")
        let nearSample = open.check()
        #expect(nearSample.status == .degraded, "\(nearSample.status) \(nearSample.error ?? "")")
        #expect(nearSample.error?.hasPrefix("connections near the limit: ") == true, "\(nearSample.error ?? "")")
        #expect(nearSample.error?.hasSuffix("/90 usable (100 max)") == true, "\(nearSample.error ?? "")")

        // Every ordinary slot taken: PostgreSQL refuses the role; touchline says which slots are left.
        let hog = try SessionHolder(stack, count: 50, application: "tl-hog")
        defer { hog.stop() }
        let hogged = hog.opened()
        #expect(hogged?.error.contains("remaining connection slots are reserved") == true, "\(hog.output)")
        let full = open.check()
        #expect(full.status == .degraded)
        #expect(full.error?.hasPrefix("only superuser-reserved slots remain: ") == true, "\(full.error ?? "")")
        #expect(full.error?.hasSuffix("/90 usable (100 max)") == true, "\(full.error ?? "")")
        if case .postgres(let pg) = full.metrics {
            #expect(pg.connections >= 90 && pg.superuserReservedConnections == 10, "\(pg.connections)")
        }
        let fresh = try FaultSupport.checker(stack, "postgres")
        let refused = fresh.check()
        fresh.close()
        #expect(refused.status == .down)
        #expect(refused.error?.hasPrefix("connections exhausted (only superuser-reserved slots remain): ") == true,
                "\(refused.error ?? "")")
        let check = try FaultSupport.check(stack)
        #expect(check.code == 2, "\(check.stdout)\(check.stderr)")
        let row = check.stdout.split(separator: "\n").first { $0.contains("postgres") } ?? ""
        #expect(row.contains("only superuser-reserved slots remain"), "\(check.stdout)")

        hog.stop()
        near.stop()
        #expect(FaultSupport.waitUntil(seconds: 5) { open.check().status == .up }, "never back up")
    }
}
}
