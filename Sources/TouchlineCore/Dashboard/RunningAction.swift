import FoundationEssentials

/// An action in progress, as the footer shows it.
public struct RunningAction: Sendable, Equatable {
    /// The action's name.
    public var action: String
    /// The latest progress line, e.g. `dumping: 1.2 MiB written, 3.4 s`.
    public var progress: String
    /// Whether the operator confirmed a cancel (`c`, `y`): the forward work is stopping.
    public var cancelRequested = false
    /// While the action's compensating step runs (the rollback after a rehearsal's deploy): what it does,
    /// e.g. `rolling back to 1.5.0`; nil otherwise.
    public var compensating: String?
    /// While compensating: what stopping the compensation would leave, e.g. `staging will be left on 1.6.0`.
    public var leftIfStopped: String?
    /// Whether the operator confirmed stopping the compensation too (a second, separate `c`, `y`).
    public var compensationStopRequested = false

    /// Creates a running action.
    public init(action: String, progress: String) {
        self.action = action
        self.progress = progress
    }
}
