import TouchlineCore

/// Runs a config restore spec with ``ConfigRestoreAction``: the snapshot is the spec's target.
public struct ConfigRestoreRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// Its `config_files` table.
    public let config: ConfigFilesConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: ConfigFilesConfig) {
        self.environment = environment
        self.config = config
    }

    /// The apply command's deadline, the probe wait and a margin.
    public var exitWaitSeconds: Double { config.timeout + config.waitHealthy + 15 }

    /// Restores the spec's snapshot.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let action = ConfigRestoreAction(environment: environment, config: config)
        control.onCancel { action.cancel(reason: $0) }
        return action.perform(snapshot: spec.target ?? "", progress: output.line)
    }
}
