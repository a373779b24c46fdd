import TouchlineCore
import TouchlineProbes

/// Reads the sessions of every postgres probe of an environment for an incident snapshot (``SessionsCapture``),
/// each within its probe's timeout.
public enum SessionsSnapshot {
    /// One capture per postgres probe, in config order.
    public static func capture(_ environment: EnvironmentConfig) -> [SessionsCapture] {
        SessionsReader.postgresProbes(environment).map { probe in
            switch SessionsReader.read(probe) {
            case .success(let reading):
                return SessionsCapture(probe: probe.name, list: reading.list, error: nil, idleWarn: probe.idleInTransactionWarn)
            case .failure(let failure):
                return SessionsCapture(probe: probe.name, list: nil, error: failure.message, idleWarn: probe.idleInTransactionWarn)
            }
        }
    }
}
