import TouchlineCore

/// The runner of each configured action, built from the environments' parsed action tables: the dashboard's
/// one dispatch, by ``ActionSpec/kind``.
public struct ActionRunners: Sendable {
    private let environments: [String: EnvironmentConfig]

    /// The runners of `environments`' actions.
    public init(environments: [EnvironmentConfig]) {
        self.environments = Dictionary(environments.map { ($0.name, $0) }) { first, _ in first }
    }

    /// The runner for `spec`, or nil when its environment does not configure that action.
    public func runner(for spec: ActionSpec) -> (any ActionRunner)? {
        guard let environment = environments[spec.environment] else { return nil }
        let actions = environment.actions
        switch spec.kind {
        case .backup:
            return actions.backup.map { BackupRunner(environment: environment, config: $0) }
        case .restore:
            return actions.backup.map { RestoreRunner(environment: environment, config: $0) }
        case .restart:
            return actions.restarts.isEmpty ? nil : RestartRunner(environment: environment, configs: actions.restarts)
        case .rollback:
            return actions.rollback.map { RollbackRunner(environment: environment, config: $0) }
        case .rehearsal:
            guard let backup = actions.backup, let rollback = actions.rollback, let rehearsal = actions.rehearsal else { return nil }
            return RehearsalRunner(environment: environment, backup: backup, rollback: rollback, rehearsal: rehearsal)
        case .configRestore:
            return actions.configFiles.map { ConfigRestoreRunner(environment: environment, config: $0) }
        case .configSnapshot:
            return actions.configFiles.map { ConfigSnapshotRunner(environment: environment, config: $0) }
        case .cancelQuery, .terminateSession:
            return SessionSignalRunner(environment: environment)
        case .silence, .expireSilence:
            return environment.alerts.flatMap { $0.silencesPossible ? SilenceRunner(environment: environment, config: $0) : nil }
        }
    }
}
