import TouchlineCore
import TouchlineProbes

/// Which postgres probe a sessions command talks to: the one named by `--probe`, or the environment's only one.
public enum PostgresProbeChoice {
    /// The probe, or the one-line usage error (no postgres probe, an unknown name, several and none named).
    public static func pick(_ name: String?, in environment: EnvironmentConfig) -> Result<ProbeConfig, UsageLine> {
        let probes = SessionsReader.postgresProbes(environment)
        let names = probes.map(\.name).joined(separator: ", ")
        if let name {
            guard let probe = probes.first(where: { $0.name == name }) else {
                return .failure(UsageLine("--probe: no postgres probe '\(name)' in \(environment.name)"
                                          + (probes.isEmpty ? " (it has none)" : " (postgres probes: \(names))")))
            }
            return .success(probe)
        }
        guard let only = probes.first else {
            return .failure(UsageLine("\(environment.name) has no postgres probe"))
        }
        guard probes.count == 1 else {
            return .failure(UsageLine("\(environment.name) has several postgres probes: name one with --probe (\(names))"))
        }
        return .success(only)
    }

    /// A usage error's line.
    public struct UsageLine: Error, Sendable {
        /// The line.
        public var text: String
        /// Creates it.
        public init(_ text: String) { self.text = text }
    }
}
