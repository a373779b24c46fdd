import TouchlineCore

/// Why an environment's action lock could not be taken.
public enum ActionLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds it; its note, when it could be read, says who.
    case held(by: LockHolder?, environment: String, lockFile: String)
    /// The lock file could not be opened or locked.
    case unavailable(String)

    public var description: String {
        switch self {
        case .held(let holder, let environment, let lockFile):
            let who = holder.map(\.description) ?? "another process (no note in the lock file)"
            return "another action is running on \(environment): \(who) (lock \(lockFile))"
        case .unavailable(let message):
            return message
        }
    }
}
