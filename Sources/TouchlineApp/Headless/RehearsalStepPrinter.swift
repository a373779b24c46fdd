import FoundationEssentials
import TouchlineCore

/// A headless rehearsal's step changes on standard error for `touchline rehearse`.
public enum RehearsalStepPrinter {
    /// One line per step start and end: `[3/8] Deploy started`, `[3/8] Deploy passed in 4.2 s: ...`.
    @Sendable public static func printStepChanges(_ progress: RehearsalProgress) {
        guard let step = progress.changed, let record = progress.steps.first(where: { $0.step == step }) else { return }
        let prefix = "[\(step.number)/\(progress.steps.count)] \(step.title)"
        switch record.state {
        case .running where progress.activity.hasSuffix(" started"):
            StandardError.write("\(UTCTimestamp.format(Date())) \(prefix) started")
        case .passed, .failed:
            guard progress.activity.hasPrefix(step.title) else { return }
            let time = record.duration.map { " in " + SecondsText.format($0) } ?? ""
            StandardError.write("\(UTCTimestamp.format(Date())) \(prefix) \(record.state.rawValue)\(time): \(record.summary)")
        case .skipped:
            StandardError.write("\(prefix) skipped")
        case .running where progress.activity.hasPrefix("compensat"):
            StandardError.write("\(UTCTimestamp.format(Date())) \(prefix) \(progress.activity)")
        default:
            return
        }
    }
}
