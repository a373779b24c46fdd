/// What the dashboard knows of the shown environment's coordination store: shown in the header (who else
/// watches), the Services rows (`on it:`), the help overlay (the model in force) and Events (the feed).
public struct CoordinationView: Sendable, Equatable {
    /// `connected to host=… dbname=…`, `unreachable: …`, or nil before the first answer.
    public var status: String?
    /// Whether the watcher is connected now.
    public var connected = false
    /// Other operators watching, `alice@ops-1`, sorted.
    public var watchers: [String] = []
    /// Another operator's action holding the shared lock, as last surveyed (the header names it).
    public var holder: SharedHolder?
    /// Acknowledgements in force, by probe name.
    public var acknowledgements: [String: Acknowledgement] = [:]
    /// Feed records already shown (`id/phase`), so a record is one line however it arrives.
    public var seen: Set<String> = []

    /// Creates an empty view.
    public init() {}
}
