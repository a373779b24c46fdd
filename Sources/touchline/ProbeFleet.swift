import Foundation
import TouchlineCore
import TouchlineProbes
import TouchlineTerminal

/// The running probes of the shown environment, feeding their samples into the event queue.
final class ProbeFleet {
    private var runners: [ProbeRunner] = []
    private let queue: EventQueue
    private let environment: [String: String]
    /// How late polls start, over every probe of this run.
    let lateness = PollLateness()

    /// Creates an idle fleet posting to `queue`; `environment` supplies password variables.
    init(queue: EventQueue, environment: [String: String]) {
        self.queue = queue
        self.environment = environment
    }

    /// Stops the current probes and starts one runner per probe of `probes`, tagged with `generation`.
    func start(_ probes: [ProbeConfig], generation: Int) {
        stop()
        let queue = queue
        let lateness = lateness
        runners = probes.map { probe in
            ProbeRunner(config: probe, environment: environment, lateness: lateness) { sample in
                queue.post(.sample(sample, generation: generation))
            }
        }
        runners.forEach { $0.start() }
    }

    /// Wakes every probe for an immediate poll.
    func pollNow() { runners.forEach { $0.pollNow() } }

    /// Stops every probe (each finishes its check in progress within its deadline).
    func stop() {
        runners.forEach { $0.stop() }
        runners = []
    }
}
