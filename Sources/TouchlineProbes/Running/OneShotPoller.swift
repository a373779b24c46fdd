import Foundation
import TouchlineCore

/// Polls every probe of an environment once, concurrently, each on its own thread.
public enum OneShotPoller {
    private final class Results: @unchecked Sendable {
        let lock = NSLock()
        var samples: [String: ProbeSample] = [:]
    }

    /// Returns one sample per probe, in config order, within the largest timeout plus a margin.
    ///
    /// Each check has its own deadline; the margin is a second line of defence: a probe that has
    /// still not answered then is reported down rather than waited for.
    public static func poll(_ probes: [ProbeConfig], environment: [String: String], margin: Double = 0.5) -> [ProbeSample] {
        let results = Results()
        let group = DispatchGroup()
        for probe in probes {
            group.enter()
            let thread = Thread {
                let checker = CheckerFactory.make(probe, environment: environment)
                let sample = checker.check()
                checker.close()
                results.lock.lock()
                results.samples[probe.name] = sample
                results.lock.unlock()
                group.leave()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        let limit = (probes.map(\.timeout).max() ?? 0) + margin
        _ = group.wait(timeout: .now() + .milliseconds(Int(limit * 1000)))
        results.lock.lock()
        defer { results.lock.unlock() }
        return probes.map { probe in
            results.samples[probe.name] ?? ProbeSample.timedOut(probe: probe.name, time: Date(), timeout: probe.timeout,
                                                                error: "timeout after \(DurationText.format(probe.timeout))")
        }
    }
}
