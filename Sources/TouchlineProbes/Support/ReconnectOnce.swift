/// Reconnect once and retry: the checkers that keep a connection between polls (PostgreSQL, Redis) run each
/// poll through this, so a connection the server closed since the last poll (a restart, an idle timeout) costs
/// one fresh connect within the same deadline instead of a `down` sample.
enum ReconnectOnce {
    /// Runs `poll(reused)`; when it fails with ``ProbeFailure/connectionLost`` on a reused connection and
    /// `deadline` has not passed, calls `close` and runs `poll(false)` (a fresh connection) once more.
    static func poll(reused: Bool, deadline: Deadline, close: () -> Void,
                     _ poll: (_ reused: Bool) throws(ProbeFailure) -> CheckOutcome) throws(ProbeFailure) -> CheckOutcome {
        do throws(ProbeFailure) {
            return try poll(reused)
        } catch where error.connectionLost && reused && !deadline.hasPassed {
            close()
            return try poll(false)
        }
    }
}
