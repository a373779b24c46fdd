import TouchlineCore

/// Where a running action's output goes (the dashboard posts each as an event; a headless command prints).
public struct ActionOutputSink: Sendable {
    /// One line for the Output pane: a command's output or a step's sentence.
    public let line: @Sendable (String) -> Void
    /// The footer's progress text (a backup's bytes dumped).
    public let progress: @Sendable (String) -> Void
    /// A rehearsal's steps and activity.
    public let rehearsal: @Sendable (RehearsalProgress) -> Void

    /// Creates a sink.
    public init(line: @escaping @Sendable (String) -> Void, progress: @escaping @Sendable (String) -> Void = { _ in },
                rehearsal: @escaping @Sendable (RehearsalProgress) -> Void = { _ in }) {
        self.line = line
        self.progress = progress
        self.rehearsal = rehearsal
    }
}
