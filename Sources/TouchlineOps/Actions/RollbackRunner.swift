import TouchlineCore

/// Runs a rollback spec with ``RollbackAction``: the release (the spec's target) switched to and proven.
public struct RollbackRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// Its rollback table.
    public let config: RollbackConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: RollbackConfig) {
        self.environment = environment
        self.config = config
    }

    /// Rolls back to the spec's release.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let cancellation = CancellationSwitch()
        control.onCancel { cancellation.flip(.cancelled($0)) }
        let (ok, message) = RollbackAction(environment: environment, config: config)
            .run(to: spec.target ?? "", cancellation: cancellation, progress: output.line)
        return ActionReport(ok ? .ok : .failed, message)
    }
}
