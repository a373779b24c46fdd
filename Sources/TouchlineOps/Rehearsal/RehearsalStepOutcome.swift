import TouchlineCore

/// How one step body ended: passed or not, its short summary, measured figures, notes and failure output.
struct RehearsalStepOutcome {
    var passed: Bool
    var summary: String
    var figures: [RehearsalFigure] = []
    var notes: [String] = []
    var outputTail: String?

    /// A passed step.
    static func pass(_ summary: String, _ figures: [RehearsalFigure] = [], notes: [String] = []) -> RehearsalStepOutcome {
        RehearsalStepOutcome(passed: true, summary: summary, figures: figures, notes: notes)
    }

    /// A failed step.
    static func fail(_ summary: String, _ figures: [RehearsalFigure] = [], notes: [String] = [],
                     tail: String? = nil) -> RehearsalStepOutcome {
        RehearsalStepOutcome(passed: false, summary: summary, figures: figures, notes: notes, outputTail: tail)
    }
}
