import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Database pane names the culprit with its state at every size: the state word is the last thing
/// left out for width (the query text and the application go first).
@Suite("Database pane: culprits and limits")
struct DatabasePaneTests {
    @Test("an idle-in-transaction session shows its state and age at 80x24 and 120x40, apart from the longest statement",
          arguments: [(80, 24), (120, 40)])
    func idleTransactionState(size: (Int, Int)) {
        let text = DashboardRenderer.render(Scenarios.postgresIdleTransaction(width: size.0, height: size.1)).text
        #expect(text.contains("idle in tx 1m 40s"), "\(text)")
        #expect(text.contains("pid 1626"))
        #expect(text.contains("42/97 usable (100 max)"))
    }

    @Test("a lock wait names the waiter, the holder and the holder's state at 80x24 and 120x40", arguments: [(80, 24), (120, 40)])
    func lockWaitHolder(size: (Int, Int)) {
        let text = DashboardRenderer.render(Scenarios.postgresLocks(width: size.0, height: size.1)).text
        #expect(text.contains("pid 51955 waits 23.8 s"), "\(text)")
        #expect(text.contains("held by pid 1626"))
        #expect(text.contains("idle in tx 1m 40s"))
    }

    @Test("PostgreSQL stopped: the Database pane and the services row keep libpq's reason at 80x24 and 120x40",
          arguments: [(80, 24), (120, 40)])
    func stoppedReason(size: (Int, Int)) {
        var state = Scenarios.base(width: size.0, height: size.1)
        let error = "Connection refused (127.0.0.1 port 5432)"
        Scenarios.feed(&state, override: [
            "postgres": { _, ago in
                ProbeSample(probe: "postgres", time: Scenarios.time(ago), status: .down, latency: nil, error: error)
            },
        ])
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("down: Connection refused"), "\(text)")
        #expect(!text.contains("connection to server at"))
    }

    @Test("the connections line shows the limit that binds: the server's, the database's or a role's")
    func bindingLimit() throws {
        var pg = try #require(Scenarios.postgres(connections: 42, extra: Scenarios.postgresExtra()))
        #expect(Self.connections(pg) == "42/97 usable (100 max)")
        pg.databaseConnectionLimit = 45
        pg.databaseName = "app"
        pg.databaseSessions = 44
        #expect(Self.connections(pg) == "44/45 database \"app\"")
        pg.roleLimit = ConnectionLimit(kind: .role, name: "api", used: 10, limit: 10, maxConnections: 100)
        #expect(Self.connections(pg) == "10/10 role \"api\"")
        let plain = try #require(Scenarios.postgres(connections: 42))
        #expect(Self.connections(plain) == "42/100 42%")
    }

    private static func connections(_ pg: PostgresSnapshot) -> String {
        guard case .bar(_, _, _, _, let trailing) = DatabasePane.lines(pg).first else { return "" }
        return trailing.map(\.text).joined()
    }
}
