import FoundationEssentials

/// `on it: NAME@HOST`: an operator said they are working on a red probe (`A` on its Services row), stored
/// in the coordination database's `touchline.acknowledgements` so every operator watching sees it; cleared when
/// the probe recovers or when it expires (`acknowledge_for`).
public struct Acknowledgement: Sendable, Equatable, Codable {
    /// The environment.
    public var environment: String
    /// The probe (a Services row).
    public var probe: String
    /// `alice@ops-1`.
    public var who: String
    /// When it was made.
    public var since: Date
    /// When it lapses unless renewed.
    public var expires: Date

    /// Creates an acknowledgement.
    public init(environment: String, probe: String, who: String, since: Date, expires: Date) {
        self.environment = environment
        self.probe = probe
        self.who = who
        self.since = since
        self.expires = expires
    }

    /// The row's mark: `on it: alice@ops-1`.
    public var mark: String { "on it: \(who)" }
}
