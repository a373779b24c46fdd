import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Every spelling of a password libpq accepts, through the real binary against the real PostgreSQL: libpq
/// connects with it (so the spelling means what libpq says), and the password is in no output, file, log
/// or child command line.
extension RealStackSuite {
@Suite("Passwords in every spelling against the stack", .serialized)
struct SecretSpellingStackTests {
    /// A role whose password has a space, a quote and a backslash, created once per test process.
    static let role = "tl_corpus_user"
    static let password = "Tl pa ss'w\\d-\(getpid())"
    static let wrongPassword = "Wr ong'p\\w-\(getpid())"

    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack):
            let support = BackupTestSupport(stack: stack)
            try support.waitForPostgres()
            let sqlPassword = Self.password.replacingOccurrences(of: "'", with: "''")
            let made = stack.adminQuery("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(Self.role)') THEN CREATE ROLE \(Self.role) LOGIN; END IF;
                END $$; ALTER ROLE \(Self.role) PASSWORD '\(sqlPassword)'; SELECT 'made'
                """)
            guard made.hasSuffix("made") else { throw TestStack.StackError(message: "cannot create \(Self.role): \(made)") }
            return stack
        case .failure(let error): throw error
        }
    }

    /// `value` single-quoted for a keyword/value string.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// `value` percent-encoded for a URI.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    /// Every spelling with `password`: keyword/value with spaces, tabs, quotes and escapes around and in it,
    /// URIs with user info, query parameter, percent-encoding, both schemes, several hosts (the first dead).
    static func spellings(port: Int, password: String) -> [String] {
        let base = "host=127.0.0.1 port=\(port) dbname=football_prediction_staging user=\(role)"
        let dead = TestStack.freePort()
        let bare = password.map { "\\ '".contains($0) ? "\\\($0)" : String($0) }.joined()
        return [
            "\(base) password=\(quoted(password))",
            "\(base) password = \(quoted(password))",
            "host=127.0.0.1\tport=\(port)\tdbname=football_prediction_staging\tuser=\(role)\tpassword\t=\t\(quoted(password))",
            "password=\(quoted(password)) \(base)",
            "\(base) password=\(bare)",
            "postgresql://\(role):\(encoded(password))@127.0.0.1:\(port)/football_prediction_staging",
            "postgres://\(role):\(encoded(password))@127.0.0.1:\(port)/football_prediction_staging",
            "postgresql://\(role)@127.0.0.1:\(port)/football_prediction_staging?password=\(encoded(password))",
            "postgresql://\(role):\(encoded(password))@127.0.0.1:\(dead),127.0.0.1:\(port)/football_prediction_staging?connect_timeout=5",
            "host=127.0.0.1,127.0.0.1 port=\(dead),\(port) dbname=football_prediction_staging user=\(role) password=\(quoted(password)) "
                + "passfile=/dev/null",
        ]
    }

    /// A config with one postgres probe using `dsn` and (with `backup`) a backup table on it, under `root`
    /// (`config.toml`, or `config-probes.toml` without the backup table: a backup table on a DSN holding a
    /// password fails the load of every command).
    private func writeConfig(_ stack: TestStack, dsn: String, root: String, backup: Bool = true) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = root + (backup ? "/config.toml" : "/config-probes.toml")
        let backupTable = backup ? "[environments.staging.backup]\nprobe = \"postgres\"\ndirectory = \"\(root)/backups\""
            : "# no backup table\n#\n#"
        try """
            default_environment = "staging"
            [environments.staging]
            interval = "1s"
            state_dir = "\(root)/state"

            \(backupTable)

            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = \(ConnectionStringTestText.toml(dsn))
            timeout = "8s"
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every file under `folder`, concatenated.
    private func everything(under folder: String) -> String {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return files.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// The forms `password` can take in text: itself, quoted, escaped, percent-encoded, and its words.
    private func traces(of password: String) -> [String] {
        [password, Self.quoted(password), Self.encoded(password), "pa ss'w", "ss'w\\d", "ong'p"]
    }

    @Test("check, check --json, backup and snapshot: libpq connects with every spelling, the password is nowhere")
    func rightPassword() throws {
        let stack = try stack()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        for (index, dsn) in Self.spellings(port: stack.postgresPort, password: Self.password).enumerated() {
            let root = "\(stack.directory)/spelling-\(index)-\(UUID().uuidString.prefix(6))"
            let config = try writeConfig(stack, dsn: dsn, root: root)
            // The probe alone: check and snapshot connect with every spelling.
            let probes = try writeConfig(stack, dsn: dsn, root: root, backup: false)
            let check = ProcessRunner.runSeparately(binary, ["check", "--config", probes], environment: stack.environment, timeout: 30)
            #expect(check.code == 0, "spelling \(index) \(dsn): \(check.stdout)\(check.stderr)")
            let json = ProcessRunner.runSeparately(binary, ["check", "--config", probes, "--json"], environment: stack.environment,
                                                   timeout: 30)
            #expect(json.stdout.contains("\"status\":\"up\""), "\(json.stdout)")
            let backup = ProcessRunner.runSeparately(binary, ["backup", "--config", config, "--yes"], environment: stack.environment,
                                                     timeout: 30)
            #expect(backup.code == 3, "spelling \(index): \(backup.stdout)\(backup.stderr)")
            let refusal = backup.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(refusal == "\(config):7: environments.staging.backup.probe: the dsn of probe 'postgres' holds a password (password), "
                    + "which pg_dump would get on its command line; remove it and name an environment variable in password_env",
                    "\(refusal)")
            #expect(!FileManager.default.fileExists(atPath: root + "/backups"), "nothing ran")
            // The backup table is checked at load: every command refuses that config with the same line.
            let checkWithBackup = ProcessRunner.runSeparately(binary, ["check", "--config", config], environment: stack.environment,
                                                              timeout: 30)
            #expect(checkWithBackup.code == 3 && checkWithBackup.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == refusal,
                    "\(checkWithBackup.stderr)")
            let snapshot = ProcessRunner.runSeparately(binary, ["snapshot", "--config", probes, "--duration", "1s", "--output", root + "/snap"],
                                                       environment: stack.environment, timeout: 30)
            #expect(snapshot.code == 0, "\(snapshot.stdout)\(snapshot.stderr)")
            let files = everything(under: root + "/snap")
            #expect(files.contains("password=***"), "the snapshot names the target, redacted")
            let seen = [check.stdout, check.stderr, json.stdout, json.stderr, backup.stdout, backup.stderr, snapshot.stdout,
                        snapshot.stderr, files, everything(under: root + "/state")].joined(separator: "\n")
            for trace in traces(of: Self.password) {
                #expect(!seen.contains(trace), "spelling \(index) \(dsn) leaked \(trace)")
            }
        }
    }

    @Test("a wrong password in every spelling: down with the server's reason, and the wrong password is nowhere")
    func wrongPassword() throws {
        let stack = try stack()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        for (index, dsn) in Self.spellings(port: stack.postgresPort, password: Self.wrongPassword).enumerated() {
            let root = "\(stack.directory)/wrong-\(index)-\(UUID().uuidString.prefix(6))"
            let config = try writeConfig(stack, dsn: dsn, root: root, backup: false)
            let check = ProcessRunner.runSeparately(binary, ["check", "--config", config, "--json"], environment: stack.environment,
                                                    timeout: 30)
            #expect(check.code == 2, "\(check.stdout)")
            #expect(check.stdout.contains("password authentication failed for user"), "\(check.stdout)")
            for trace in traces(of: Self.wrongPassword) {
                #expect(!(check.stdout + check.stderr).contains(trace), "spelling \(index) leaked \(trace)")
            }
        }
    }

    @Test("a DSN libpq cannot parse: exit 3, one line at the dsn key with libpq's message, nothing of the string in it")
    func unparseable() throws {
        let stack = try stack()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let secret = "Hunt3r-\(getpid())"
        let dsns = ["host=127.0.0.1 password=pa \(secret)", "POSTGRESQL://u:\(secret)@127.0.0.1/db",
                    "postgresql://u:\(secret)@[::1/db", "postgresql://u@127.0.0.1/db?password=%zz\(secret)"]
        for dsn in dsns {
            let root = "\(stack.directory)/unparseable-\(UUID().uuidString.prefix(6))"
            let config = try writeConfig(stack, dsn: dsn, root: root)
            for arguments in [["check"], ["check", "--json"], ["backup", "--yes"]] {
                let result = ProcessRunner.runSeparately(binary, arguments + ["--config", config], environment: stack.environment,
                                                         timeout: 30)
                #expect(result.code == 3, "\(arguments) \(dsn): \(result.stdout)\(result.stderr)")
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("\(config):13: environments.staging.probes[0].dsn: libpq cannot parse"),
                        "\(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains(secret), "\(dsn) leaked")
            }
        }
    }

    @Test("a backup with password_env: pg_dump's argv (read from /proc) holds the parsed DSN and no password; PGPASSWORD in its environment")
    func childArgv() throws {
        let stack = try stack()
        let root = "\(stack.directory)/argv-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        let realDump = ProcessRunner.run("/bin/sh", ["-c", "command -v pg_dump"], environment: stack.environment, timeout: 10).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(realDump.hasPrefix("/"), "pg_dump not found: \(realDump)")
        let record = root + "/argv.txt"
        // Records the command line the kernel gave this process and whether PGPASSWORD was in its environment, then runs pg_dump.
        try """
            #!/bin/sh
            tr '\\000' '\\n' < /proc/$$/cmdline > "\(record)"
            if [ -n "$PGPASSWORD" ]; then echo PGPASSWORD-set >> "\(record).env"; fi
            exec "\(realDump)" "$@"
            """.write(toFile: root + "/bin/pg_dump", atomically: true, encoding: .utf8)
        chmod(root + "/bin/pg_dump", 0o755)
        let config = try writeConfig(stack, dsn: "postgresql://football_staging_user@127.0.0.1:\(stack.postgresPort)/football_prediction_staging",
                                     root: root)
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text += "\npassword_env = \"STAGING_DB_PASSWORD\"\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        var environment = stack.environment
        environment["PATH"] = root + "/bin:" + (environment["PATH"] ?? "/usr/bin:/bin")
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let backup = ProcessRunner.runSeparately(binary, ["backup", "--config", config, "--yes"], environment: environment, timeout: 120)
        #expect(backup.code == 0, "\(backup.stdout)\(backup.stderr)")
        let argv = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(argv.contains("--dbname=user=football_staging_user host=127.0.0.1 port=\(stack.postgresPort) dbname=football_prediction_staging"),
                "\(argv)")
        #expect((try? String(contentsOfFile: record + ".env", encoding: .utf8)) == "PGPASSWORD-set\n")
        let seen = [argv.joined(separator: " "), backup.stdout, backup.stderr, everything(under: root + "/state"),
                    everything(under: root + "/backups")].joined(separator: "\n")
        #expect(!seen.contains(stack.password))
        #expect(seen.contains("--dbname=user=football_staging_user host=127.0.0.1"), "the audit records the argv that ran")
    }

    @Test("the dashboard with the issue's spelling: postgres up, the screen and touchline.log show no password")
    func dashboard() throws {
        let stack = try stack()
        let root = "\(stack.directory)/dash-secret-\(UUID().uuidString.prefix(6))"
        let dsn = Self.spellings(port: stack.postgresPort, password: Self.password)[1]
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        // With the backup table on that DSN the dashboard does not start: one line, exit 3, no password in it.
        let refused = ProcessRunner.runSeparately(binary, ["--config", try writeConfig(stack, dsn: dsn, root: root)],
                                                  environment: stack.environment, timeout: 30)
        #expect(refused.code == 3 && refused.stderr.contains("environments.staging.backup.probe: the dsn of probe 'postgres' holds a password"),
                "\(refused.stdout)\(refused.stderr)")
        for trace in traces(of: Self.password) {
            #expect(!(refused.stdout + refused.stderr).contains(trace), "leaked \(trace)")
        }
        let config = try writeConfig(stack, dsn: dsn, root: root, backup: false)
        let session = try TmuxSession(command: "\(binary) --config \(config); sleep 30", width: 120, height: 40,
                                      environment: stack.environment)
        let up = session.waitFor(seconds: 10) { $0.contains("conns") }
        #expect(up.matched, "\(up.screen)")
        session.send("q")
        Thread.sleep(forTimeInterval: 1)
        let log = everything(under: root + "/state")
        #expect(log.contains("dashboard started on staging"), "\(log)")
        for trace in traces(of: Self.password) {
            #expect(!up.screen.contains(trace) && !log.contains(trace), "leaked \(trace)")
        }
    }
}
}

/// TOML text helpers shared with the unit tests' spelling corpus.
enum ConnectionStringTestText {
    /// `text` as a TOML basic string.
    static func toml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
