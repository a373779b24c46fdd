@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// The backup's pg_dump takes the probe's DSN (`--dbname=DSN`), so `sslmode` and `sslrootcert` reach it:
/// seen in the server's own connection log (`log_connections`), which says for each session whether it is TLS.
extension RealStackSuite {
@Suite("Backup over TLS", .serialized)
struct BackupTLSTests {
    /// The backup action of the stack's staging environment with the postgres probe's DSN replaced by `dsn`.
    private func action(_ support: BackupTestSupport, dsn: String) throws -> BackupAction {
        var (environment, _) = try support.environment()
        environment.probes = environment.probes.map { probe in
            guard probe.name == "postgres" else { return probe }
            var changed = probe
            changed.target = .postgres(dsn: dsn, passwordEnv: "STAGING_DB_PASSWORD")
            return changed
        }
        let config = try BackupConfigParser.parse(environment: environment, configFile: support.root + "/config.toml")
        return BackupAction(environment: environment, config: config, processEnvironment: support.stack.environment,
                            identity: OperatorIdentity(user: "backup-tls-test", host: "test-host", pid: getpid()))
    }

    @Test("a backup with sslmode=verify-full and the stack's CA completes, pg_dump's session is TLS; with another CA it fails before writing")
    func backupOverTLS() throws {
        let stack = try FaultSupport.stack()
        let support = BackupTestSupport(stack: stack)
        try support.waitForPostgres()
        let log = "\(stack.directory)/logs/postgres.log"
        let logStart = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber)?.intValue ?? 0
        _ = stack.adminQuery("ALTER SYSTEM SET log_connections = on")
        _ = stack.adminQuery("SELECT pg_reload_conf()")
        defer {
            _ = stack.adminQuery("ALTER SYSTEM RESET log_connections")
            _ = stack.adminQuery("SELECT pg_reload_conf()")
        }
        try #require(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SHOW log_connections") == "on" })

        let base = "host=localhost hostaddr=127.0.0.1 port=\(stack.postgresPort) dbname=football_prediction_staging user=football_staging_user"
        let result = try action(support, dsn: "\(base) sslmode=verify-full sslrootcert=\(stack.caFile)").run()
        let report = try #require(result.report, "\(result.message)")
        #expect(FileManager.default.fileExists(atPath: report.path))

        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: log))
        try handle.seek(toOffset: UInt64(logStart))
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        try handle.close()
        let dumpSessions = text.split(separator: "\n").filter { $0.contains("connection authorized") && $0.contains("application_name=touchline-backup") && !$0.contains("touchline-backup-counts") }
        #expect(!dumpSessions.isEmpty, "no pg_dump session in the log:\n\(text.suffix(2000))")
        #expect(dumpSessions.allSatisfy { $0.contains("SSL enabled (protocol=TLSv1.") }, "\(dumpSessions)")

        let otherCA = "\(stack.directory)/backup-other-ca.pem"
        let made = ProcessRunner.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                          "-keyout", "\(stack.directory)/backup-other-ca.key", "-out", otherCA,
                                                          "-days", "2", "-subj", "/CN=another CA"],
                                     environment: ProcessInfo.processInfo.environment, timeout: 30)
        try #require(made.0 == 0, "\(made.1)")
        let second = BackupTestSupport(stack: stack)
        let refused = try action(second, dsn: "\(base) sslmode=verify-full sslrootcert=\(otherCA)").run()
        guard case .failed(let reason) = refused else { Issue.record("expected a failure, got \(refused)"); return }
        #expect(reason.contains("certificate verify failed"), "\(reason)")
        #expect(second.files().isEmpty)
    }
}
}
