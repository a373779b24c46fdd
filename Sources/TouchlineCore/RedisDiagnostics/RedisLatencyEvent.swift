/// One row of `LATENCY LATEST`: `[event, unix time of the latest spike, latest ms, all-time max ms]`.
///
/// Redis records an event (e.g. `command`, `fast-command`, `expire-cycle`, `fork`, `aof-fsync-always`)
/// only when it took at least `latency-monitor-threshold` milliseconds; a threshold of 0 turns the
/// monitor off and the list stays empty.
public struct RedisLatencyEvent: Sendable, Equatable {
    /// The event's name.
    public var event: String
    /// When its latest spike happened, seconds since 1970 (UTC).
    public var time: Int64
    /// The latest spike, in milliseconds.
    public var latestMilliseconds: Int64
    /// The largest spike since the server started (or `LATENCY RESET`), in milliseconds.
    public var maxMilliseconds: Int64

    /// Creates a row from its fields.
    public init(event: String, time: Int64, latestMilliseconds: Int64, maxMilliseconds: Int64) {
        self.event = event
        self.time = time
        self.latestMilliseconds = latestMilliseconds
        self.maxMilliseconds = maxMilliseconds
    }
}
