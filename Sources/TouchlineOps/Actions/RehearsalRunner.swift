import TouchlineCore

/// Runs a rehearsal spec with ``RehearsalRun``: backup, deploy, checks, load, rollback, restore, verify. A cancel
/// stops the forward work and never the recovery; stopping the recovery is a second, separate decision.
public struct RehearsalRunner: ActionRunner {
    /// The environment rehearsed on.
    public let environment: EnvironmentConfig
    /// Its backup table (the rehearsal's backup and restore).
    public let backup: BackupConfig
    /// Its rollback table (the rehearsal's rollback, also its compensation).
    public let rollback: RollbackConfig
    /// Its rehearsal table.
    public let rehearsal: RehearsalConfig

    /// Creates the runner.
    public init(environment: EnvironmentConfig, backup: BackupConfig, rollback: RollbackConfig, rehearsal: RehearsalConfig) {
        self.environment = environment
        self.backup = backup
        self.rollback = rollback
        self.rehearsal = rehearsal
    }

    /// Its rollback can be stopped separately.
    public var compensates: Bool { true }

    /// The rollback's deadline (its command's and its wait's) and a margin.
    public var exitWaitSeconds: Double { rollback.timeout + rollback.waitHealthy + 90 }

    /// Runs the rehearsal; the message is its verdict and report file, or why it was refused.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let run = RehearsalRun(environment: environment, backup: backup, rollback: rollback, rehearsal: rehearsal)
        control.onCompensation(stop: { run.stopCompensation(reason: $0) }, interrupt: { _ = run.interrupt(reason: $0) })
        control.onCancel { run.cancel(reason: $0) }
        let report = run.run(progress: output.rehearsal)
        let files = report.files.first { $0.hasSuffix(".md") }.map { "; report: \($0)" } ?? ""
        return ActionReport(report.passed ? .ok : .failed, report.refusal.map { "refused: \($0)" } ?? report.verdict + files)
    }
}
