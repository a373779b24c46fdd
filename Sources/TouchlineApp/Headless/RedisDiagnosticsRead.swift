import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Reads Redis diagnostics off the caller's thread: the dashboard's `d` (answer posted as an event), the
/// incident snapshot (every redis probe of the environment) and `touchline redis-info`.
public enum RedisDiagnosticsRead {
    /// Reads `probe`'s server now, on the calling thread (each command within the probe's timeout).
    public static func outcome(_ probe: ProbeConfig, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> RedisDiagnosticsOutcome {
        switch RedisDiagnosticsReader.read(probe, environment: environment) {
        case .success(let diagnostics):
            return RedisDiagnosticsOutcome(probe: probe.name, address: probe.target.displayTarget, diagnostics: diagnostics, error: nil)
        case .failure(let failure):
            return RedisDiagnosticsOutcome(probe: probe.name, address: probe.target.displayTarget, diagnostics: nil, error: failure.message)
        }
    }

    /// Every redis probe of `environment`, read one after the other (for the incident snapshot).
    public static func all(_ environment: EnvironmentConfig) -> [RedisDiagnosticsOutcome] {
        environment.probes.filter { $0.kind == .redis }.map { outcome($0) }
    }

    /// Reads `probe` on a thread of its own (hiredis blocks) and posts `.redisDiagnosticsRead` to `queue`.
    static func start(_ probe: ProbeConfig, queue: EventQueue, log: StateLog) {
        WorkerThread.start(name: "touchline-redis-diagnostics") {
            let result = outcome(probe)
            if let error = result.error { log.write("redis diagnostics of \(probe.name): \(error)") }
            queue.post(.redisDiagnosticsRead(probe: probe.name, diagnostics: result.diagnostics, error: result.error))
        }
    }
}
