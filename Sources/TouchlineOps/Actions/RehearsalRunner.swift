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

    /// The compensation's deadlines — the rollback's (its command's and its wait's) and, when config files are
    /// listed, the configuration rollback's (its apply command's and its probe wait's) — and a margin: how long
    /// touchline waits for a cancelled rehearsal, in the dashboard and headless.
    public var exitWaitSeconds: Double { Self.exitWaitSeconds(environment: environment, rollback: rollback) }

    /// ``exitWaitSeconds`` for `environment` with its rollback table.
    public static func exitWaitSeconds(environment: EnvironmentConfig, rollback: RollbackConfig) -> Double {
        let config = environment.actions.configFiles.map { $0.timeout + $0.waitHealthy } ?? 0
        return rollback.timeout + rollback.waitHealthy + config + 90
    }

    /// How long touchline waits after the stop of the compensation (a second cancel) before giving up.
    public static let afterCompensationStopSeconds = 15.0

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
