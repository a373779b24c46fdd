/// One line of a sessions list: the session, how deep it sits in a blocking chain (0 at the top) and how many
/// sessions it blocks, directly or through others (0 when it blocks none).
public struct SessionRow: Sendable, Equatable {
    /// The session.
    public var session: ActivitySession
    /// Its depth in the blocking tree: 0 for a row of the running or waiting list and for a chain's head.
    public var depth: Int
    /// How many sessions wait behind it, directly or down the chain.
    public var blocking: Int

    /// Creates a row.
    public init(session: ActivitySession, depth: Int = 0, blocking: Int = 0) {
        self.session = session
        self.depth = depth
        self.blocking = blocking
    }
}
