/// One switch of the application's release during a rehearsal, as measured: the deploy, the rollback,
/// or the automatic rollback after a failure.
public struct RollbackMeasurement: Sendable, Equatable {
    /// `deploy`, `rollback` or `automatic rollback`.
    public var kind: String
    /// The release that ran before (as the probe reported it).
    public var from: String?
    /// The release switched to.
    public var to: String
    /// Whether the probe ended up reporting ``to``.
    public var succeeded: Bool
    /// Seconds the probe was not up on the way (nil when the release never came up).
    public var downtime: Double?
    /// Seconds from running the command to the probe reporting the release (or giving up).
    public var total: Double

    /// Creates a measurement.
    public init(kind: String, from: String?, to: String, succeeded: Bool, downtime: Double?, total: Double) {
        self.kind = kind
        self.from = from
        self.to = to
        self.succeeded = succeeded
        self.downtime = downtime
        self.total = total
    }
}
