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

    /// Lists the releases and asks the probe once which one runs (and, when it does not say, why).
    public func plan() -> Result<ReleasePlan, ActionFailure> {
        action.listReleases().map { releases in
            let (running, because) = askProbe()
            return ReleasePlan(releases: releases, running: running, runningUnknownBecause: because)
        }
    }

    /// The release the rollback probe reports now, or nil when it does not answer with a version.
    public func runningRelease() -> String? {
        askProbe().running
    }

    /// The probe's release, or nil and why: its error (`api: connection refused (127.0.0.1:8001)`), or that it
    /// answered without a version.
    private func askProbe() -> (running: String?, because: String?) {
        let probe = action.config.probe
        let checker = CheckerFactory.make(probe, environment: ProcessInfo.processInfo.environment)
        defer { checker.close() }
        let sample = checker.check()
        if let version = sample.version { return (version, nil) }
        if let error = sample.error { return (nil, "\(probe.name): \(error)") }
        return (nil, "\(probe.name) reported no version")
    }
}
