import Dispatch
import Synchronization
import TouchlineCore

/// Checks the PromQL of an environment's prometheus probes against their Prometheus once, at start: a query
/// Prometheus rejects (`"status": "error"`, e.g. `bad_data` for a parse error) becomes a config-time warning
/// naming the probe and the query. An unreachable or misbehaving Prometheus gives no warning: the probe
/// itself reports it on its first poll.
public enum PrometheusQueryCheck {
    /// The warnings for the prometheus probes of `environment` named in `probes` (nil: all), from config
    /// file `file`; each query runs once with its probe's timeout (at most `timeoutCap` seconds), all at once.
    public static func warnings(_ environment: EnvironmentConfig, probes names: [String]? = nil, file: String,
                                processEnvironment: [String: String], timeoutCap: Double = 3) -> [String] {
        let probes = environment.probes.filter { probe in
            guard case .prometheus = probe.target else { return false }
            return names.map { $0.contains(probe.name) } ?? true
        }
        guard !probes.isEmpty else { return [] }
        let results = Slots(count: probes.count)
        DispatchQueue.concurrentPerform(iterations: probes.count) { index in
            var probe = probes[index]
            guard case .prometheus(let target) = probe.target else { return }
            probe.timeout = min(probe.timeout, timeoutCap)
            probe.latencyWarn = nil
            let checker = PrometheusChecker(config: probe, target: target, environment: processEnvironment)
            defer { checker.close() }
            let sample = checker.check()
            guard let error = sample.error, error.hasPrefix("query rejected") || error.hasPrefix("query returns") else { return }
            let warning = "\(file): environments.\(environment.name) probe '\(probe.name)': warning: Prometheus at \(target.url) "
                + "does not accept the query: \(error)"
            results.warnings.withLock { $0[index] = warning }
        }
        return results.warnings.withLock { $0.compactMap { $0 } }
    }

    /// One optional warning per probe, written from `concurrentPerform`'s threads.
    private final class Slots: Sendable {
        let warnings: Mutex<[String?]>
        init(count: Int) { warnings = Mutex(Array(repeating: nil, count: count)) }
    }
}
