/// Where one rehearsal step is.
public enum RehearsalStepState: String, Sendable, Equatable, Codable {
    case pending
    case running
    case passed
    case failed
    case skipped

    /// Whether the step is over (passed, failed or skipped).
    public var isFinal: Bool { self == .passed || self == .failed || self == .skipped }
}
