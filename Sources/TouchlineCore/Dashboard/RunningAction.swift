import Foundation

/// An action in progress, as the footer shows it.
public struct RunningAction: Sendable, Equatable {
    /// The action's name.
    public var action: String
    /// The latest progress line, e.g. `dumping: 1.2 MiB written, 3.4 s`.
    public var progress: String

    /// Creates a running action.
    public init(action: String, progress: String) {
        self.action = action
        self.progress = progress
    }
}
