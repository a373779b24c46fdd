import FoundationEssentials
import TouchlineCore

/// The pieces of a ``RestoreAction`` that need no lock or audit: its command lines, the checks made before
/// anything is touched, and the comparison of row counts with a manifest record.
struct RestoreSteps: Sendable {
    /// What is restored into and where the backups live.
    let config: BackupConfig
    /// The environment of the caller; the password is read from it (`password_env`).
    let processEnvironment: [String: String]

    /// The password and the child environments.
    var credentials: DatabaseCredentials { DatabaseCredentials(config: config, processEnvironment: processEnvironment) }

    /// The password for the database, from `password_env`.
    var password: String? { credentials.password }

    /// The environment of psql: the password in `PGPASSWORD`, never on its command line; notices quiet.
    var psqlEnvironment: [String: String] { psqlEnvironment(application: "touchline-restore") }

    /// The environment of psql named `application` (`PGAPPNAME`): a restore's psql gets a name of its own per
    /// run, so that its backend can be found and ended server-side after a cancel.
    func psqlEnvironment(application: String) -> [String: String] {
        credentials.libpqEnvironment(application: application, extra: ["PGOPTIONS": "-c client_min_messages=warning"])
    }

    /// The environment of gunzip and the verifier: no password.
    var toolEnvironment: [String: String] { credentials.toolEnvironment }

    /// `gunzip -c -- FILE`.
    static func decompress(_ path: String) -> [String] { RestoreCommandLine.decompress(path) }

    /// psql applying a plain SQL dump all-or-nothing: one transaction, stopping at the first error.
    func apply() -> [String] { RestoreCommandLine.apply(dsn: config.dsn) }

    /// The quick reachability check: `SELECT 1` with a short connect timeout.
    func ping() -> [String] {
        ["psql", "--dbname=\(config.dsn)", "--no-password", "-X", "-A", "-t", "-q", "-c", "SELECT 1"]
    }

    /// The restore pipeline of `path`.
    func restoreCommands(_ path: String) -> [[String]] { [Self.decompress(path), apply()] }

    /// `text` with the password replaced by `***`.
    func scrubbed(_ text: String) -> String { credentials.scrubbed(text) }

    /// The backup's name and full path: `file` is a name in the backup directory or a path inside it.
    func locate(_ file: String) throws(ActionFailure) -> (name: String, path: String) {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let path = BackupDirectory.file(name, in: config.directory)
        if file.contains("/") {
            let given = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
            let expected = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard given == expected else {
                throw ActionFailure("\(file) is not in the backup directory \(config.directory)")
            }
        }
        guard !name.isEmpty, name != BackupManifest.fileName else { throw ActionFailure("\(file) is not a backup file") }
        return (name, path)
    }

    /// Fails unless the database answers `SELECT 1` within a few seconds.
    func checkReachable() throws(ActionFailure) {
        var environment = psqlEnvironment
        environment["PGCONNECT_TIMEOUT"] = "5"
        let outcome = ChildProcess.run(ping(), environment: environment, timeout: 10)
        if outcome.code == 0 && outcome.output.trimmingWhitespace() == "1" { return }
        let said = outcome.errorOutput.trimmingWhitespace()
        let why = outcome.timedOut ? "no answer within 10 s"
            : said.isEmpty ? "psql exited with \(outcome.code)"
            : said.contains("connection to server ") ? LibpqErrorText.connectionFailure(said)
            : LibpqErrorText.firstError(said) ?? said.split(whereSeparator: \.isNewline).suffix(2).joined(separator: "; ")
        throw ActionFailure("the database is unreachable: \(scrubbed(SecretRedactor.redactDSN(why)))")
    }

    /// The manifest record of `name`, provided it is listed and verified, and the file still passes
    /// verification with the recorded sha256 (recomputed now). A file failing now is marked unverified.
    func checkBackup(name: String, path: String, cancellation: CancellationSwitch) throws(ActionFailure) -> BackupRecord {
        let (manifest, _) = BackupManifestStore.load(directory: config.directory)
        guard let record = manifest.record(named: name) else {
            throw ActionFailure("\(name) is not listed in the manifest of \(config.directory)")
        }
        guard record.verified else { throw ActionFailure("\(name) is not verified in the manifest") }
        guard FileManager.default.fileExists(atPath: path) else { throw ActionFailure("\(path) does not exist") }
        let verification = BackupVerifier.verify(file: path, environment: toolEnvironment, cancellation: cancellation)
        var problem: String?
        if !verification.passed {
            problem = "\(name) fails verification: \(verification.problem ?? "unknown problem")"
        } else if verification.sha256 != record.sha256 {
            problem = "\(name) no longer matches its sha256 in the manifest (recorded \(record.sha256.prefix(12))…, "
                + "now \((verification.sha256 ?? "").prefix(12))…): the file changed after it was written"
        }
        if let problem {
            if cancellation.reason == nil {
                try? BackupManifestStore.setVerified(false, file: name, directory: config.directory)
            }
            throw ActionFailure(problem)
        }
        return record
    }

    /// Exact `count(*)` of every user table now.
    func countRows() throws(ActionFailure) -> [String: Int64] {
        let session = try SnapshotConnection.open(dsn: config.dsn, password: password)
        defer { session.close() }
        return try session.countRows()
    }

    /// Exact `count(*)` of every user table now, given at most `seconds`: a count still running then (queued
    /// behind a lock) is cancelled server-side and its connection closed, so nothing is left waiting.
    func countRows(within seconds: Double) throws(ActionFailure) -> [String: Int64] {
        let session = try SnapshotConnection.open(dsn: config.dsn, password: password,
                                                  connectTimeout: max(2, Int(clampingFinite: (seconds / 2).rounded(.down))))
        let counting = RowCountTask(session: session)
        if !counting.wait(seconds: seconds) {
            session.cancelQuery()
            // Closed here once the count has stopped; otherwise its thread still holds it and it closes when that ends.
            if counting.wait(seconds: 2) { session.close() }
            throw ActionFailure("the row counts did not finish within \(DecimalText.fixed(seconds, digits: 0)) s and were stopped")
        }
        session.close()
        switch counting.result {
        case .success(let counts): return counts
        case .failure(let failure): throw failure
        case nil: throw ActionFailure("the row counts ended without an answer")
        }
    }
}

/// Row counts of the database compared with the ones a backup recorded.
struct RestoreComparison: Sendable, Equatable {
    /// `schema.table` -> (expected, found; nil when the table is missing), every table of the record.
    var tables: [(name: String, expected: Int64, found: Int64?)]
    /// Tables present now that the record does not list (a restore does not drop them).
    var extra: [String]

    init(expected: [String: Int64], found: [String: Int64]) {
        tables = expected.keys.sorted().map { ($0, expected[$0] ?? 0, found[$0]) }
        extra = found.keys.filter { expected[$0] == nil }.sorted()
    }

    static func == (lhs: RestoreComparison, rhs: RestoreComparison) -> Bool {
        lhs.extra == rhs.extra && lhs.tables.elementsEqual(rhs.tables) { $0 == $1 }
    }

    /// The tables whose counts differ or that are missing.
    var mismatches: [String] {
        tables.compactMap { table in
            guard let found = table.found else { return "\(table.name): missing (expected \(table.expected) rows)" }
            return found == table.expected ? nil : "\(table.name): \(found) rows, expected \(table.expected)"
        }
    }

    /// Tables whose counts match.
    var matched: Int { tables.count - mismatches.count }

    /// Whether every listed table has its recorded count.
    var allMatch: Bool { mismatches.isEmpty }

    /// For the audit log: `public.teams=20/20 public.predictions=17/20` (found/expected).
    var detail: String {
        tables.map { "\($0.name)=\($0.found.map(String.init) ?? "missing")/\($0.expected)" }.joined(separator: " ")
    }
}
