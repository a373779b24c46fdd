import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineProbes

/// The preflight checks of a rehearsal, each measured: probes up, the backup folder writable with room
/// for the backup and the restore's safety backup, pg_dump and psql present and not older than the server.
struct RehearsalPreflight {
    let environment: EnvironmentConfig
    let backup: BackupConfig
    let requiredProbes: [String]
    let processEnvironment: [String: String]

    /// One check of every probe named in `names` (when empty: every probe not `optional`): figures per
    /// probe, and the problems.
    static func probes(_ environment: EnvironmentConfig, names: [String], processEnvironment: [String: String])
        -> (figures: [RehearsalFigure], problems: [String], notes: [String]) {
        var figures: [RehearsalFigure] = []
        var problems: [String] = []
        var notes: [String] = []
        for probe in environment.probes {
            let required = names.isEmpty ? !probe.optional : names.contains(probe.name)
            let checker = CheckerFactory.make(probe, environment: processEnvironment)
            let sample = checker.check()
            checker.close()
            let up = sample.status == .up || sample.status == .degraded
            var text = sample.status.rawValue
            if let latency = sample.latencyText { text += ", \(latency)" }
            if let version = sample.version { text += ", version \(version)" }
            if let error = sample.error, !up { text += " (\(error))" }
            if required {
                figures.append(.text("probe_\(probe.name)", text))
                if !up { problems.append("\(probe.name) is \(sample.status.rawValue)\(sample.error.map { ": \($0)" } ?? "")") }
            } else {
                notes.append("probe \(probe.name) not required by this rehearsal: \(text)")
            }
        }
        return (figures, problems, notes)
    }

    /// Checks the backup folder, the free disk and the tools against the server; figures and problems.
    func storageAndTools() -> (figures: [RehearsalFigure], problems: [String]) {
        var figures: [RehearsalFigure] = []
        var problems: [String] = []
        let credentials = DatabaseCredentials(config: backup, processEnvironment: processEnvironment)
        var serverMajor: Int?
        var databaseBytes: Int64?
        do throws(ActionFailure) {
            let session = try SnapshotConnection.open(dsn: backup.dsn, password: credentials.password)
            defer { session.close() }
            let facts = try session.sizeAndVersion()
            serverMajor = facts.versionNumber / 10000
            databaseBytes = facts.bytes
            figures.append(RehearsalFigure("database_bytes", text: ByteText.format(facts.bytes), value: .integer(facts.bytes)))
            figures.append(.count("server_major_version", Int64(facts.versionNumber / 10000)))
        } catch {
            problems.append(credentials.scrubbed(error.message))
        }
        do throws(ActionFailure) {
            try BackupDirectory.prepare(backup.directory)
            try Self.probeWrite(backup.directory)
            figures.append(.text("backup_directory", "\(backup.directory) (writable)"))
        } catch {
            problems.append("backup directory \(backup.directory): \(error.message)")
        }
        var stats = statvfs()
        if statvfs(backup.directory, &stats) == 0 {
            let free = Int64(stats.f_bavail) * Int64(stats.f_frsize)
            figures.append(RehearsalFigure("free_bytes", text: ByteText.format(free), value: .integer(free)))
            if let databaseBytes {
                // Room for the backup and the restore's safety backup, each at most the database's size.
                let needed = databaseBytes * 2
                figures.append(RehearsalFigure("needed_bytes", text: "\(ByteText.format(needed)) (2 × database size)", value: .integer(needed)))
                if free < needed { problems.append("only \(ByteText.format(free)) free in \(backup.directory), \(ByteText.format(needed)) needed") }
            }
        } else {
            problems.append(SystemError.text("statvfs \(backup.directory)"))
        }
        for tool in ["pg_dump", "psql"] {
            let outcome = ChildProcess.run([tool, "--version"], environment: credentials.toolEnvironment, timeout: 10)
            guard outcome.code == 0, let major = Self.majorVersion(outcome.output) else {
                problems.append("\(tool) is not usable: \(outcome.failureReason(timeout: 10))")
                continue
            }
            figures.append(.text("\(tool)_version", outcome.output.trimmingWhitespace()))
            if let serverMajor, major < serverMajor {
                problems.append("\(tool) \(major) is older than the server (\(serverMajor)) and cannot dump or restore it reliably")
            }
        }
        return (figures, problems)
    }

    /// The major version in `pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)`: 15.
    static func majorVersion(_ text: String) -> Int? {
        var rest = text[...]
        while let range = rest.firstRange(of: ") ") {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isWholeNumber }
            if !digits.isEmpty { return Int(digits) }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func probeWrite(_ directory: String) throws(ActionFailure) {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(".touchline-rehearsal-write-test-\(getpid())").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("not writable")) }
        close(fd)
        unlink(path)
    }
}
