/// A state in which Redis answers `PING` and `INFO` but refuses work or loses data: the status it earns
/// and the reason in words, e.g. `down`, `loading dataset 25% (eta 42 s)`.
public struct RedisCondition: Sendable, Equatable {
    /// `down` when commands are refused, `degraded` when writes are refused or data is being lost.
    public var status: ProbeStatus
    /// What the operator reads, naming the INFO field or error code it comes from.
    public var reason: String

    /// A condition with `status` and `reason`.
    public init(_ status: ProbeStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    /// The condition an error reply to a command reveals (`-BUSY …`, `-LOADING …`, `-MASTERDOWN …`,
    /// `-DENIED …`, `-ERR max number of clients reached`), or
    /// a plain `down` naming the command and the error for any other error reply.
    public static func errorReply(_ message: String, command: String) -> RedisCondition {
        let code = message.prefix { $0 != " " }
        if message.contains("max number of clients reached") {
            return RedisCondition(.down, "refusing new connections: maxclients reached (\(message))")
        }
        switch code {
        case "BUSY":
            return RedisCondition(.down, "busy running a script or function past busy-reply-threshold, every command refused (BUSY): \(message)")
        case "LOADING":
            return RedisCondition(.down, "loading dataset, every command refused (LOADING)")
        case "MASTERDOWN":
            return RedisCondition(.down, "replica refusing commands while its link to the master is down (MASTERDOWN)")
        case "DENIED":
            return RedisCondition(.down, "protected mode refuses clients from this address, no password set (DENIED)")
        default:
            return RedisCondition(.down, "\(command) refused: \(message)")
        }
    }
}
