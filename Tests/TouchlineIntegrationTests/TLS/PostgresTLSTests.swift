@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// PostgreSQL over TLS through the DSN (`sslmode`, `sslrootcert`), against the stack's server, which runs
/// with `ssl = on` and a certificate from the stack's CA (SANs 127.0.0.1, ::1, localhost).
extension RealStackSuite {
@Suite("PostgreSQL over TLS", .serialized)
struct PostgresTLSTests {
    /// One check of the postgres probe with `parameters` added to the stack's DSN.
    private func check(_ stack: TestStack, _ parameters: String, host: String = "host=127.0.0.1") -> ProbeSample {
        let dsn = "\(host) port=\(stack.postgresPort) dbname=football_prediction_staging user=football_staging_user \(parameters)"
        let config = ProbeConfig(name: "postgres", interval: 1, timeout: 3, latencyWarn: nil,
                                 target: .postgres(dsn: dsn, passwordEnv: "STAGING_DB_PASSWORD"))
        let checker = CheckerFactory.make(config, environment: stack.environment)
        defer { checker.close() }
        return checker.check()
    }

    /// A CA of its own, which did not sign the stack's certificate.
    private func otherCA(_ stack: TestStack) throws -> String {
        let path = "\(stack.directory)/other-ca.pem"
        if FileManager.default.fileExists(atPath: path) { return path }
        let made = ProcessRunner.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                                          "-nodes", "-keyout", "\(stack.directory)/other-ca.key", "-out", path,
                                                          "-days", "2", "-subj", "/CN=another CA"],
                                     environment: ProcessInfo.processInfo.environment, timeout: 30)
        try #require(made.0 == 0, "\(made.1)")
        return path
    }

    @Test("sslmode=verify-full with the stack's CA: up, by IP SAN (host=127.0.0.1) and by name (host=localhost hostaddr=127.0.0.1); the probe's session is TLS")
    func verifyFullIsUp() throws {
        let stack = try FaultSupport.stack()
        let byName = check(stack, "sslmode=verify-full sslrootcert=\(stack.caFile)", host: "host=localhost hostaddr=127.0.0.1")
        #expect(byName.status == .up, "\(byName.error ?? "")")

        let dsn = "host=127.0.0.1 port=\(stack.postgresPort) dbname=football_prediction_staging user=football_staging_user "
            + "sslmode=verify-full sslrootcert=\(stack.caFile)"
        let config = ProbeConfig(name: "postgres", interval: 1, timeout: 3, latencyWarn: nil,
                                 target: .postgres(dsn: dsn, passwordEnv: "STAGING_DB_PASSWORD"))
        let checker = CheckerFactory.make(config, environment: stack.environment)
        defer { checker.close() }
        let byAddress = checker.check()
        #expect(byAddress.status == .up, "\(byAddress.error ?? "")")
        let tlsSessions = stack.adminQuery("""
            SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.application_name = 'touchline' AND s.ssl AND s.version LIKE 'TLSv1.%'
            """)
        #expect((Int(tlsSessions) ?? 0) >= 1, "no TLS session of the probe: \(tlsSessions)")

        let plain = check(stack, "sslmode=disable")
        #expect(plain.status == .up, "plain connections still work: \(plain.error ?? "")")
    }

    @Test("verify-full with a CA that did not sign the server's certificate: down, libpq's reason")
    func wrongCAIsDown() throws {
        let stack = try FaultSupport.stack()
        let sample = check(stack, "sslmode=verify-full sslrootcert=\(try otherCA(stack))")
        #expect(sample.status == .down)
        #expect(sample.error?.contains("certificate verify failed") == true, "\(sample.error ?? "")")
    }

    @Test("verify-full with a host name the certificate does not carry (host=other.example hostaddr=127.0.0.1): down naming both")
    func wrongHostIsDown() throws {
        let stack = try FaultSupport.stack()
        let sample = check(stack, "sslmode=verify-full sslrootcert=\(stack.caFile)", host: "host=other.example hostaddr=127.0.0.1")
        #expect(sample.status == .down)
        #expect(sample.error?.contains("does not match host name \"other.example\"") == true, "\(sample.error ?? "")")
        #expect(sample.error?.contains("server certificate for \"127.0.0.1\"") == true, "\(sample.error ?? "")")
    }

    @Test("sslmode=require against the server with ssl turned off: down with libpq's reason; verify-ca too; up again with ssl back on")
    func requireAgainstPlainServer() throws {
        let stack = try FaultSupport.stack()
        let sslIs: (String) -> Bool = { value in
            FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SHOW ssl") == value }
        }
        #expect(stack.adminQuery("ALTER SYSTEM SET ssl = off") == "")
        defer {
            _ = stack.adminQuery("ALTER SYSTEM RESET ssl")
            _ = stack.adminQuery("SELECT pg_reload_conf()")
            #expect(sslIs("on"), "ssl did not come back on")
        }
        _ = stack.adminQuery("SELECT pg_reload_conf()")
        try #require(sslIs("off"))
        let required = check(stack, "sslmode=require")
        #expect(required.status == .down)
        #expect(required.error?.contains("server does not support SSL, but SSL was required") == true, "\(required.error ?? "")")
        let verified = check(stack, "sslmode=verify-ca sslrootcert=\(stack.caFile)")
        #expect(verified.error?.contains("server does not support SSL, but SSL was required") == true, "\(verified.error ?? "")")
        #expect(check(stack, "").status == .up, "sslmode=prefer falls back to plain")

        _ = stack.adminQuery("ALTER SYSTEM RESET ssl")
        _ = stack.adminQuery("SELECT pg_reload_conf()")
        try #require(sslIs("on"))
        #expect(check(stack, "sslmode=require").status == .up)
    }
}
}
