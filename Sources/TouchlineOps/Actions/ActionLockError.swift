import TouchlineCore

/// Why an environment's action lock could not be taken.
public enum ActionLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds it; its note, when it could be read, says who.
    case held(by: LockHolder?, environment: String, lockFile: String)
    /// The lock file could not be opened or locked.
    case unavailable(String)
    /// Another operator holds the environment's shared lock (coordination database); its row, when it could be read.
    case sharedHeld(SharedHolder?, environment: String)
    /// The coordination store cannot be reached and its `require` is on: nothing runs.
    case storeUnreachable(environment: String, reason: String)

    public var description: String {
        switch self {
        case .held(let holder, let environment, let lockFile):
            let who = holder.map(\.description) ?? "another process (no note in the lock file)"
            return "another action is running on \(environment): \(who) (lock \(lockFile))"
        case .unavailable(let message):
            return message
        case .sharedHeld(let holder, let environment):
            return holder?.refusal ?? "\(environment) is locked by another operator (their holder row could not be read)"
        case .storeUnreachable(let environment, let reason):
            return "\(reason); \(environment) requires its coordination store (require = true)"
        }
    }
}
