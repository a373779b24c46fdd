/// What a running rehearsal reports after every change: every step with its state, duration and short
/// figure, and the latest activity line. Rendered by the dashboard's steps pane and the headless command.
public struct RehearsalProgress: Sendable, Equatable {
    /// The environment rehearsed.
    public var environment: String
    /// All eight steps, in order.
    public var steps: [RehearsalStepRecord]
    /// The latest thing the running step said (e.g. `waiting for api to report 1.6.0`).
    public var activity: String
    /// The step this report is about (the one that just started, ended or spoke).
    public var changed: RehearsalStep?
    /// While the compensating step runs (the rollback after a deploy): what it does, e.g.
    /// `rolling back to 1.5.0`; nil otherwise.
    public var compensating: String?
    /// While compensating: what stopping the compensation would leave, e.g. `staging will be left on 1.6.0`.
    public var leftIfStopped: String?

    /// Creates a progress report.
    public init(environment: String, steps: [RehearsalStepRecord], activity: String = "", changed: RehearsalStep? = nil,
                compensating: String? = nil, leftIfStopped: String? = nil) {
        self.environment = environment
        self.steps = steps
        self.activity = activity
        self.changed = changed
        self.compensating = compensating
        self.leftIfStopped = leftIfStopped
    }

    /// The step running now, if any.
    public var running: RehearsalStepRecord? { steps.first { $0.state == .running } }
}
