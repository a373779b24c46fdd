import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// What `touchline releases` and `touchline rollback` look up first: the environment's rollback action,
/// the releases its list command prints and the one its probe reports running (asked once).
public struct ReleaseLookup {
    /// The environment's rollback action.
    public let action: RollbackAction

    /// Takes the `[environments.NAME.rollback]` table parsed at load; a missing one is a usage error (exit 3).
    public init(headless: HeadlessAction, configFile: String) throws {
        guard let parsed = headless.environment.actions.rollback else {
            throw headless.usage("no rollback configured: \(configFile) has no [environments.\(headless.environment.name).rollback] table")
        }
        action = RollbackAction(environment: headless.environment, config: parsed)
    }

    /// Lists the releases and asks the probe once which one runs.
    public func plan() -> Result<ReleasePlan, ActionFailure> {
        action.listReleases().map { releases in ReleasePlan(releases: releases, running: runningRelease()) }
    }

    /// The release the rollback probe reports now, or nil when it does not answer with a version.
    public func runningRelease() -> String? {
        let checker = CheckerFactory.make(action.config.probe, environment: ProcessInfo.processInfo.environment)
        defer { checker.close() }
        return checker.check().version
    }
}
