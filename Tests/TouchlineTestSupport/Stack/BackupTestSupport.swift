import Foundation
import Glibc
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes

/// What the backup tests against the stack share: a scratch place per test, the action built from the
/// stack's staging environment, a slow-to-dump database, and ways to look at what a backup left behind.
struct BackupTestSupport {
    let stack: TestStack
    /// A folder of this test's own, holding the state folder and the backup folder.
    let root: String

    init(stack: TestStack) {
        self.stack = stack
        root = "\(stack.directory)/backup-test-\(UUID().uuidString.prefix(8))"
    }

    var stateDirectory: String { root + "/state" }
    var backupDirectory: String { root + "/backups" }

    /// The staging environment of the stack with this test's state folder and a backup table (parsed by the real parser).
    func environment(database: String? = nil, port: Int? = nil, timeout: String = "2m") throws -> (EnvironmentConfig, BackupConfig) {
        var environment = try stack.staging()
        environment.stateDirectory = stateDirectory
        if database != nil || port != nil {
            let dsn = "host=127.0.0.1 port=\(port ?? stack.postgresPort) dbname=\(database ?? "football_prediction_staging") user=football_staging_user"
            environment.probes = environment.probes.map { probe in
                guard probe.name == "postgres" else { return probe }
                var changed = probe
                changed.target = .postgres(dsn: dsn, passwordEnv: "STAGING_DB_PASSWORD")
                return changed
            }
        }
        environment.actionTables["backup"] = .table([
            "probe": .string("postgres"), "directory": .string(backupDirectory), "keep_days": .integer(7), "timeout": .string(timeout),
        ])
        return (environment, try BackupConfigParser.parse(environment: environment, configFile: root + "/config.toml"))
    }

    /// The backup action for the stack, with `password` instead of the stack's when given.
    func action(database: String? = nil, port: Int? = nil, password: String? = nil, timeout: String = "2m") throws -> BackupAction {
        let (environment, config) = try self.environment(database: database, port: port, timeout: timeout)
        var processEnvironment = stack.environment
        if let password { processEnvironment["STAGING_DB_PASSWORD"] = password }
        return BackupAction(environment: environment, config: config, processEnvironment: processEnvironment,
                            identity: OperatorIdentity(user: "backup-test", host: "test-host", pid: getpid()))
    }

    /// Names of the files in the backup folder.
    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: backupDirectory)) ?? []).sorted()
    }

    /// The audit log of this test's state folder, oldest first.
    func auditRecords() -> [AuditRecord] {
        AuditLog(stateDirectory: stateDirectory).recent(limit: 1000).reversed()
    }

    /// The whole text of the audit log and the manifest, to look for secrets in.
    func writtenText() -> String {
        let audit = (try? String(contentsOfFile: stateDirectory + "/audit.jsonl", encoding: .utf8)) ?? ""
        let manifest = (try? String(contentsOfFile: backupDirectory + "/manifest.json", encoding: .utf8)) ?? ""
        return audit + manifest
    }

    /// One value from SQL run as the superuser in `database`.
    func query(_ sql: String, database: String = "football_prediction_staging") -> String {
        stack.run(["admin-psql", "-XAtq", "-d", database, "-c", sql]).1.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `sha256sum FILE`, run on its own.
    func independentSHA256(_ path: String) -> String {
        ProcessRunner.run("/usr/bin/sha256sum", [path], environment: stack.environment, timeout: 60).1
            .split(separator: " ").first.map(String.init) ?? ""
    }

    /// The pid of this process's child called `name` (e.g. the `pg_dump` a backup started), if any.
    static func childProcess(named name: String) -> pid_t? {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for id in ids {
            guard let pid = Int32(id), let stat = try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            let command = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if command == name, fields.count > 1, Int32(fields[1]) == getpid() { return pid }
        }
        return nil
    }

    /// Waits up to `seconds` for the stack's PostgreSQL to answer (another suite may have stopped it for a moment).
    func waitForPostgres(seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while query("SELECT 1") != "1" {
            guard Date() < deadline else { throw TestStack.StackError(message: "the stack's postgres does not answer") }
            usleep(250_000)
        }
    }

    /// A database owned by the application user that takes a few seconds to dump (1.5 million rows of
    /// hashes), created on first use; a failed attempt (e.g. postgres stopped meanwhile) is retried next time.
    static func slowDatabase(_ support: BackupTestSupport) throws -> String {
        try SlowDatabase.shared.name(support)
    }
}

/// The one slow database of the test process, created once it succeeds.
private final class SlowDatabase: @unchecked Sendable {
    static let shared = SlowDatabase()
    private let lock = NSLock()
    private var created: String?

    func name(_ support: BackupTestSupport) throws -> String {
        try lock.withLock {
            if let created { return created }
            try support.waitForPostgres()
            let name = "touchline_backup_slow"
            let steps = [
                ["-d", "postgres", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"],
                ["-d", "postgres", "-c", "CREATE DATABASE \(name) OWNER football_staging_user"],
                ["-d", name, "-c", """
                    CREATE TABLE readings AS
                        SELECT i AS id, md5(i::text) AS a, md5((i * 7)::text) AS b FROM generate_series(1, 1500000) AS i;
                    ALTER TABLE readings OWNER TO football_staging_user;
                    """],
            ]
            for step in steps {
                let (code, output) = support.stack.run(["admin-psql", "-Xq", "-v", "ON_ERROR_STOP=1"] + step, timeout: 300)
                guard code == 0 else { throw TestStack.StackError(message: output) }
            }
            created = name
            return name
        }
    }
}

/// Progress reports collected from the backup thread, with a way to wait for one.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BackupProgress] = []

    func record(_ progress: BackupProgress) {
        lock.withLock { reports.append(progress) }
    }

    var all: [BackupProgress] { lock.withLock { reports } }

    /// Waits up to `seconds` for a report matching `condition`.
    func wait(seconds: Double = 60, for condition: (BackupProgress) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if all.contains(where: condition) { return true }
            usleep(20_000)
        }
        return false
    }
}

/// The result of a backup started on its own thread, once it arrives.
final class ResultBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stored: BackupResult?

    func set(_ result: BackupResult) {
        lock.withLock { stored = result }
        done.signal()
    }

    /// Waits up to `seconds` for the result.
    func wait(seconds: Double = 120) -> BackupResult? {
        _ = done.wait(timeout: .now() + .milliseconds(Int(seconds * 1000)))
        return lock.withLock { stored }
    }
}
