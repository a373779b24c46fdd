/// An environment's `[environments.NAME.config_files]` table, resolved against the config file: the files whose
/// snapshots, diffs and restores make the configuration rollback (the third kind, beside the application's and
/// the database's).
public struct ConfigFilesConfig: Sendable, Equatable {
    /// How many snapshots are kept when `keep` is not given (the oldest beyond it are deleted).
    public static let defaultKeep = 50
    /// Seconds `apply_command` may run when `timeout` is not given (two minutes).
    public static let defaultTimeout: Double = 120
    /// Seconds to wait for `probe` to be up after the apply when `wait_healthy` is not given.
    public static let defaultWaitHealthy: Double = 60

    /// The environment the table belongs to.
    public var environment: String
    /// The listed files, absolute, in the order of `paths` (relative ones are under the config file's folder).
    public var paths: [String]
    /// Absolute folder of the snapshots (default `STATE_DIR/config-snapshots`), created `0700`.
    public var directory: String
    /// How many snapshots are kept.
    public var keep: Int
    /// The argv run after a restore (e.g. `docker compose … up -d`), in ``workingDirectory``; nil runs nothing.
    public var applyCommand: [String]?
    /// The probe that must be up after the apply (nil: no wait).
    public var probe: ProbeConfig?
    /// Seconds `apply_command` may run.
    public var timeout: Double
    /// Seconds to wait for ``probe`` to be up after the apply.
    public var waitHealthy: Double
    /// The folder `apply_command` runs in (the config file's folder).
    public var workingDirectory: String

    /// Creates the configuration.
    public init(environment: String, paths: [String], directory: String, keep: Int = ConfigFilesConfig.defaultKeep,
                applyCommand: [String]? = nil, probe: ProbeConfig? = nil, timeout: Double = ConfigFilesConfig.defaultTimeout,
                waitHealthy: Double = ConfigFilesConfig.defaultWaitHealthy, workingDirectory: String) {
        self.environment = environment
        self.paths = paths
        self.directory = directory
        self.keep = keep
        self.applyCommand = applyCommand
        self.probe = probe
        self.timeout = timeout
        self.waitHealthy = waitHealthy
        self.workingDirectory = workingDirectory
    }
}
