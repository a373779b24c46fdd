import Dispatch
import FoundationEssentials
import Synchronization
import TouchlineCore

/// Polls every probe of an environment once, concurrently, each on its own thread.
public enum OneShotPoller {
    /// The samples so far, shared with the probe threads.
    private final class Results: Sendable {
        let samples = Mutex<[String: ProbeSample]>([:])
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
            WorkerThread.start(name: "probe \(probe.name)", stackSize: 512 * 1024) {
                let checker = CheckerFactory.make(probe, environment: environment)
                let sample = checker.check()
                checker.close()
                results.samples.withLock { $0[probe.name] = sample }
                group.leave()
            }
        }
        let limit = (probes.map(\.timeout).max() ?? 0) + margin
        _ = group.wait(timeout: .now() + .milliseconds(Int(clampingFinite: limit * 1000)))
        let samples = results.samples.withLock { $0 }
        return probes.map { probe in
            samples[probe.name] ?? ProbeSample.timedOut(probe: probe.name, time: Date(), timeout: probe.timeout,
                                                                error: "timeout after \(DurationText.format(probe.timeout))")
        }
    }
}
