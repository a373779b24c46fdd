/// How to restart one service of an environment: `[environments.NAME.restart.SERVICE]`.
public struct RestartConfig: Sendable, Equatable {
    /// The probe (named like the service) that must be up again afterwards.
    public var probe: ProbeConfig
    /// The argv that restarts it, run without a shell from the config file's folder.
    public var command: [String]
    /// How long to wait for the probe to be up after the command (seconds).
    public var waitHealthy: Double
    /// How long the command itself may run (seconds).
    public var timeout: Double
    /// The folder the command runs in (the config file's folder).
    public var workingDirectory: String

    /// Creates a restart configuration.
    public init(probe: ProbeConfig, command: [String], waitHealthy: Double, timeout: Double, workingDirectory: String) {
        self.probe = probe
        self.command = command
        self.waitHealthy = waitHealthy
        self.timeout = timeout
        self.workingDirectory = workingDirectory
    }

    /// The command as one line for the confirmation dialog, quoted by ``ShellQuote``.
    public var commandLine: String { ShellQuote.line(command) }
}
