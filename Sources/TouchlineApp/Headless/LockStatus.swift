import TouchlineCore
import TouchlineOps

/// `touchline lock`: who holds an environment's action lock, locally (the `flock` note of this state folder)
/// and, when it coordinates, in the shared store (a holders row whose session still holds the advisory lock).
public struct LockStatus: Sendable {
    /// The environment.
    public var environment: String
    /// The local holder, if any.
    public var local: LockHolder?
    /// The shared holder, if any.
    public var shared: SharedHolder?
    /// Whether the environment coordinates.
    public var coordinated: Bool
    /// Why the store could not be read, when it could not.
    public var problem: String?
    /// The store's error behind ``problem`` (`touchline lock` refuses a schema newer than this binary).
    public var error: CoordinationError?

    /// Reads both.
    public static func read(_ environment: EnvironmentConfig) -> LockStatus {
        var status = LockStatus(environment: environment.name, local: ActionLock.holder(stateDirectory: environment.stateDirectory),
                                shared: nil, coordinated: environment.coordination != nil, problem: nil)
        if let store = CoordinationStore(environment: environment) {
            do throws(CoordinationError) {
                let connection = try store.connect(.command)
                defer { connection.close() }
                status.shared = try SharedLock.current(environment: environment.name, on: connection)
            } catch {
                status.problem = error.description
                status.error = error
            }
        }
        return status
    }

    /// The text for standard output: `staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)` or `staging
    /// is free`, and the local holder; the store's problem is ``problemLine``, for standard error.
    public var lines: [String] {
        var lines: [String] = []
        if let shared { lines.append(shared.refusal + " [shared lock, pid \(shared.pid)]") }
        if let local { lines.append("\(environment) is locked on this machine: \(local.description) [local lock]") }
        if shared == nil && local == nil { lines.append("\(environment) is free" + (problem == nil ? "" : " on this machine")) }
        if !coordinated { lines.append("(no [environments.\(environment).coordination]: the lock is local to this machine)") }
        return lines
    }

    /// Why the shared lock could not be read (`shared lock unknown: coordination store unreachable: …`), or nil.
    public var problemLine: String? {
        problem.map { "shared lock unknown: \($0)" }
    }

    /// One JSON object: `environment`, `locked`, `coordinated`, `shared` and `local` holders (or null), `problem`.
    public var json: JSONValue {
        func holder(_ shared: SharedHolder) -> JSONValue {
            .object(["who": .string(shared.who), "user": .string(shared.user), "host": .string(shared.host),
                     "pid": .number(Double(shared.pid)), "action": .string(shared.action),
                     "target": .string(shared.target), "age_seconds": .number(shared.ageSeconds)])
        }
        return .object([
            "environment": .string(environment),
            "locked": .bool(shared != nil || local != nil),
            "coordinated": .bool(coordinated),
            "shared": shared.map(holder) ?? .null,
            "local": local.map { .object(["who": .string("\($0.user)@\($0.host)"), "pid": .number(Double($0.pid)),
                                           "action": .string($0.action), "since": .string(ActionJSON.format($0.startedAt))]) } ?? .null,
            "problem": .string(problem),
        ])
    }
}
