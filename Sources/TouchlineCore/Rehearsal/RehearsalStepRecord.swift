import FoundationEssentials

/// One step of a rehearsal as it stands: its state, timing, a short figure for the steps pane, and the
/// measured figures, notes and failure output the report shows.
public struct RehearsalStepRecord: Sendable, Equatable {
    /// Which step.
    public var step: RehearsalStep
    /// Where it is.
    public var state: RehearsalStepState = .pending
    /// When it started (nil while pending or when skipped without starting).
    public var startedAt: Date?
    /// Seconds it took, once over.
    public var duration: Double?
    /// A short text for the steps pane, e.g. `p95 12 ms, 0.0 % errors`.
    public var summary: String = ""
    /// The measured figures.
    public var figures: [RehearsalFigure] = []
    /// Sentences about what happened (e.g. why it was skipped).
    public var notes: [String] = []
    /// The last lines of output of what failed, when something failed.
    public var outputTail: String?

    /// A pending step.
    public init(step: RehearsalStep) {
        self.step = step
    }

    /// The value of the figure named `name`, when measured.
    public func figure(_ name: String) -> RehearsalFigure? { figures.first { $0.name == name } }
}
