/// How an environment's deployment is rehearsed: `[environments.NAME.rehearsal]`.
public struct RehearsalConfig: Sendable, Equatable {
    /// The deploy argv; `{release}` is replaced by the release rehearsed.
    public var deployCommand: [String]
    /// The release to deploy when `--to` is not given; nil: the newest the rollback list command prints.
    public var release: String?
    /// How long to wait, after the deploy command, for the probe to be up and report the release (seconds).
    public var waitHealthy: Double
    /// How long the deploy command may run (seconds).
    public var timeout: Double
    /// The probes that must be up before and after (empty: every probe of the environment).
    public var probes: [String]
    /// The functional checks, in order.
    public var checks: [RehearsalCheck]
    /// The load test.
    public var load: RehearsalLoadConfig
    /// Whether a failure after the deploy step rolls the application back to the release that ran before.
    public var rollbackOnFailure: Bool
    /// The folder the deploy command runs in (the config file's folder).
    public var workingDirectory: String

    /// Creates a rehearsal configuration.
    public init(deployCommand: [String], release: String? = nil, waitHealthy: Double = 60, timeout: Double = 120,
                probes: [String] = [], checks: [RehearsalCheck] = [], load: RehearsalLoadConfig = RehearsalLoadConfig(),
                rollbackOnFailure: Bool = true, workingDirectory: String) {
        self.deployCommand = deployCommand
        self.release = release
        self.waitHealthy = waitHealthy
        self.timeout = timeout
        self.probes = probes
        self.checks = checks
        self.load = load
        self.rollbackOnFailure = rollbackOnFailure
        self.workingDirectory = workingDirectory
    }

    /// The deploy argv for `release`.
    public func deployCommand(for release: String) -> [String] {
        deployCommand.map { $0.replacing("{release}", with: release) }
    }

    /// Whether `text` may be used as a release name: letters, digits and `._+-`, not starting with `-` or `.`.
    public static func isValidRelease(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber, text.count <= 100 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) }
    }
}
