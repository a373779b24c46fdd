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

    /// How long a cancelled config restore may take to end before touchline gives up on it, in the dashboard and
    /// headless: 15 s, as for every action without a compensating step (a cancel stops the apply command and the
    /// probe wait; the files already written stay written).
    public static let giveUpSeconds = 15.0

    /// ``giveUpSeconds``.
    public var exitWaitSeconds: Double { Self.giveUpSeconds }

    /// Restores the spec's snapshot.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let action = ConfigRestoreAction(environment: environment, config: config)
        control.onCancel { action.cancel(reason: $0) }
        return action.perform(snapshot: spec.target ?? "", progress: output.line)
    }
}
