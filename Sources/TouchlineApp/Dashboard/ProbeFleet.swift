import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// The running probes of the shown environment, feeding their samples into the event queue.
public final class ProbeFleet {
    private var runners: [ProbeRunner] = []
    private let queue: EventQueue
    private let environment: [String: String]
    /// How late polls start, over every probe of this run.
    public let lateness = PollLateness()
    private let log: StateLog?
    /// Whether ``start(_:generation:)`` starts probe threads (false: a fleet for tests that post samples).
    private let probing: Bool
    /// The generation of the last ``start(_:generation:)``: the tag its samples carry.
    public private(set) var generation = 0

    /// Creates an idle fleet posting to `queue`; `environment` supplies password variables; late polls
    /// (a check past its deadline, a sleep past its interval) are written to `log`.
    public init(queue: EventQueue, environment: [String: String], log: StateLog? = nil) {
        self.queue = queue
        self.environment = environment
        self.log = log
        probing = true
    }

    /// A fleet that starts no probes: the App tier's tests post `.sample` events for ``generation`` themselves.
    public init(idle queue: EventQueue) {
        self.queue = queue
        environment = [:]
        log = nil
        probing = false
    }

    /// Stops the current probes and starts one runner per probe of `probes`, tagged with `generation`.
    public func start(_ probes: [ProbeConfig], generation: Int) {
        stop()
        self.generation = generation
        guard probing else { return }
        let queue = queue
        let lateness = lateness
        let log = log
        runners = probes.map { probe in
            ProbeRunner(config: probe, environment: environment, lateness: lateness, late: { log?.write($0) }) { sample in
                queue.post(.sample(sample, generation: generation))
            }
        }
        runners.forEach { $0.start() }
    }

    /// Wakes every probe for an immediate poll.
    public func pollNow() { runners.forEach { $0.pollNow() } }

    /// Stops every probe (each finishes its check in progress within its deadline).
    public func stop() {
        runners.forEach { $0.stop() }
        runners = []
    }
}
