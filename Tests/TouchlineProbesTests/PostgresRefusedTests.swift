import Testing
import TouchlineCore
@testable import TouchlineProbes

/// A stopped PostgreSQL: the probe's error starts with libpq's reason, like the Redis and TCP probes'
/// `connection refused (127.0.0.1:6379)`, so the Database pane's one-line row keeps it.
@Suite("PostgreSQL probe: a refused connection names its reason first")
struct PostgresRefusedTests {
    @Test("port 1 on 127.0.0.1 (nothing listens): `Connection refused (127.0.0.1 port 1)`")
    func refused() {
        let config = ProbeConfig(name: "postgres", interval: 1, timeout: 2, latencyWarn: nil,
                                 target: .postgres(dsn: "host=127.0.0.1 port=1 dbname=app user=app sslmode=disable", passwordEnv: nil))
        let checker = CheckerFactory.make(config, environment: [:])
        defer { checker.close() }
        let sample = checker.check()
        #expect(sample.status == .down)
        #expect(sample.error == "Connection refused (127.0.0.1 port 1)", "\(sample.error ?? "")")
    }
}
