import FoundationEssentials
import TouchlineCore

/// Deploys a release with the rehearsal's deploy command: under the action lock and in the audit log, the
/// same way ``RollbackAction`` switches releases (the probe must be up AND report the release; the
/// downtime is what the probe saw). Unlike a rollback, the release need not be listed yet (a deploy may create it).
public final class DeployAction: Sendable {
    /// The action's name in locks and the audit log.
    public static let name = "deploy"
    /// The environment it acts on.
    public let environment: EnvironmentConfig
    private let releaseSwitch: ReleaseSwitch

    /// Creates the action: the probe comes from the rollback configuration, the command and deadlines from the rehearsal's.
    public init(environment: EnvironmentConfig, rollback: RollbackConfig, rehearsal: RehearsalConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment, heldLock: ActionLock? = nil) {
        self.environment = environment
        releaseSwitch = ReleaseSwitch(environment: environment, action: Self.name, probe: rollback.probe,
                                      command: rehearsal.deployCommand, waitHealthy: rehearsal.waitHealthy,
                                      timeout: rehearsal.timeout, workingDirectory: rehearsal.workingDirectory,
                                      processEnvironment: processEnvironment, heldLock: heldLock)
    }

    /// Deploys `release` where it is called (blocking); refuses a name that is not a release name.
    /// Flipping `cancellation` stops the deploy command's process group, or the wait.
    public func run(release: String, cancellation: CancellationSwitch = CancellationSwitch(),
                    progress: @escaping @Sendable (String) -> Void) -> ReleaseSwitchOutcome {
        guard RehearsalConfig.isValidRelease(release) else {
            return ReleaseSwitchOutcome(succeeded: false, message: "refused: '\(release)' is not a release name")
        }
        return releaseSwitch.run(to: release, cancellation: cancellation, progress: progress)
    }
}
