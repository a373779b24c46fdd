import TouchlineCore

/// Runs a restore spec with ``RestoreAction``: the safety backup, then the chosen file (the spec's target).
public struct RestoreRunner: ActionRunner {
    /// The environment restored.
    public let environment: EnvironmentConfig
    /// Its backup table (where the backups are, which database).
    public let config: BackupConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: BackupConfig) {
        self.environment = environment
        self.config = config
    }

    /// Runs the restore of the spec's file.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let restore = RestoreAction(environment: environment, config: config)
        control.onCancel { restore.cancel(reason: $0) }
        return restore.perform(file: spec.target ?? "", progress: output.line)
    }
}
