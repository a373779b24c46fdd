import TouchlineCore

/// Runs a config snapshot spec with ``ConfigSnapshotAction`` (trigger `manual`): no lock, audited.
public struct ConfigSnapshotRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// Its `config_files` table.
    public let config: ConfigFilesConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: ConfigFilesConfig) {
        self.environment = environment
        self.config = config
    }

    /// Takes the snapshot.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let report = ConfigSnapshotAction(environment: environment, config: config).perform(trigger: "manual").0
        output.line(report.message)
        return report
    }
}
