import FoundationEssentials

/// How to roll an environment's application back: `[environments.NAME.rollback]`.
public struct RollbackConfig: Sendable, Equatable {
    /// The http probe whose `version_field` proves which release runs.
    public var probe: ProbeConfig
    /// Prints one release per line, newest first.
    public var listCommand: [String]
    /// The rollback argv; `{release}` is replaced by a release that ``listCommand`` printed.
    public var command: [String]
    /// How long to wait for the probe to be up and report the chosen release (seconds).
    public var waitHealthy: Double
    /// How long each command may run (seconds).
    public var timeout: Double
    /// The folder the commands run in (the config file's folder).
    public var workingDirectory: String

    /// Creates a rollback configuration.
    public init(probe: ProbeConfig, listCommand: [String], command: [String], waitHealthy: Double, timeout: Double,
                workingDirectory: String) {
        self.probe = probe
        self.listCommand = listCommand
        self.command = command
        self.waitHealthy = waitHealthy
        self.timeout = timeout
        self.workingDirectory = workingDirectory
    }

    /// The rollback argv for `release`.
    public func command(for release: String) -> [String] {
        command.map { $0.replacing("{release}", with: release) }
    }

    /// The releases in `output` of the list command: one per line, blank lines and spaces dropped.
    public static func releases(in output: String) -> [String] {
        output.split(whereSeparator: \.isNewline).map { $0.trimming(charactersIn: " \t") }.filter { !$0.isEmpty }
    }
}
