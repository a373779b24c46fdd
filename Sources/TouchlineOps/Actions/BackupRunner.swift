import Synchronization
import TouchlineCore

/// Runs a backup spec with ``BackupAction``: each new phase is one output line, the bytes dumped the progress.
public struct BackupRunner: ActionRunner {
    /// The environment backed up.
    public let environment: EnvironmentConfig
    /// Its backup table.
    public let config: BackupConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: BackupConfig) {
        self.environment = environment
        self.config = config
    }

    /// Runs the backup; the report's message is the backup's sentence.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let backup = BackupAction(environment: environment, config: config)
        control.onCancel { backup.cancel(reason: $0) }
        let phase = Mutex<BackupProgress.Phase?>(nil)
        let result = backup.run { progress in
            let changed = phase.withLock { last in
                defer { last = progress.phase }
                return last != progress.phase
            }
            if changed { output.line(progress.text) }
            output.progress(progress.text)
        }
        return ActionReport(result.outcome, result.message)
    }
}
