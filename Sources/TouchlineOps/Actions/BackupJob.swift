import Dispatch
import FoundationEssentials
import Glibc
import TouchlineCore

/// One backup without lock or audit: the caller holds the environment's ``ActionLock`` (``BackupAction``
/// does; a restore taking its safety backup does too).
///
/// Steps: connect with libpq and export a REPEATABLE READ snapshot; run `pg_dump --snapshot | gzip -c` (`pigz -c`
/// when installed: the same format, every core),
/// writing gzip's output into `<name>.sql.gz.partial` and, as it is written, into the verifiers (full
/// decompression, completion trailer, SHA-256: ``StreamVerifier``), while counting every table's rows in that
/// same snapshot; fsync; check that the file holds exactly the bytes verified; rename it; list it in the manifest; apply
/// retention. Any failure, cancel or timeout deletes the partial file. Blocks the calling thread.
public final class BackupJob: Sendable {
    /// How the job ended, with what it ran.
    public struct Outcome: Sendable, Equatable {
        /// The result.
        public var result: BackupResult
        /// The exact commands that ran, in order.
        public var commands: [[String]]
        /// The exit status of the command that failed, when one did.
        public var exitStatus: Int32?
        /// A digest of what the commands printed (pg_dump's and the compressor's standard error).
        public var output: OutputDigest?
    }

    /// What is backed up and where.
    public let config: BackupConfig
    /// The environment the child processes get; the password is read from it (`password_env`).
    public let processEnvironment: [String: String]
    /// Flipping it stops the job.
    public let cancellation: CancellationSwitch
    /// What compresses the dump and decompresses it to verify it.
    public let compressor: BackupCommandLine.Compressor
    /// Why it runs, written to the manifest (`origin`), and for a safety backup the file being restored.
    public let origin: BackupOrigin
    public let restoring: String?

    /// Creates a job; without `compressor`, pigz when the environment's `PATH` finds it, else gzip.
    public init(config: BackupConfig, processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                cancellation: CancellationSwitch = CancellationSwitch(), compressor: BackupCommandLine.Compressor? = nil,
                origin: BackupOrigin = .manual, restoring: String? = nil) {
        self.origin = origin
        self.restoring = restoring
        self.config = config
        self.processEnvironment = processEnvironment
        self.cancellation = cancellation
        self.compressor = compressor ?? .installed(environment: processEnvironment)
    }

    /// Runs the backup on the calling thread, reporting progress about every 250 ms.
    public func run(progress: @escaping @Sendable (BackupProgress) -> Void = { _ in }) -> Outcome {
        let started = Date()
        let watchdog = cancellation.timeOut(after: config.timeout)
        defer { watchdog.cancel() }
        var run = BackupRun(job: self, started: started, progress: progress)
        let result = run.execute()
        return Outcome(result: result, commands: run.commands, exitStatus: run.exitStatus,
                       output: run.printed.digest(secrets: [credentials.password].compactMap { $0 }))
    }

    /// The password and the child environments.
    var credentials: DatabaseCredentials { DatabaseCredentials(config: config, processEnvironment: processEnvironment) }

    /// The password for the database, from `password_env`.
    var password: String? { credentials.password }

    /// The environment of pg_dump: the password in `PGPASSWORD`, never on its command line.
    var dumpEnvironment: [String: String] { credentials.libpqEnvironment(application: "touchline-backup") }

    /// The environment of gzip (or pigz): no password.
    var toolEnvironment: [String: String] { credentials.toolEnvironment }

    /// `text` with the password replaced by `***`, in case a tool ever echoes it.
    func scrubbed(_ text: String) -> String { credentials.scrubbed(text) }
}
