/// How many client sessions of a server are in each state (``SessionsList/counts``): the view's title and the
/// snapshot's summary line.
public struct SessionCounts: Sendable, Equatable {
    /// `state = 'active'`.
    public var active: Int
    /// `state = 'idle'`.
    public var idle: Int
    /// `idle in transaction`, aborted or not.
    public var idleInTransaction: Int
    /// Waiting on a lock or blocked.
    public var waiting: Int
}
