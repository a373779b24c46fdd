import FoundationEssentials
import TouchlineCore

/// The one envelope around every action's run: take the environment's action lock (unless the caller already
/// holds it, or the action takes none), write the audit start record, run the body — which ends the trail with
/// its outcome, figures and output digest — and release the lock, whatever happens.
///
/// A held lock is one audited `refused` record (reason: the lock's holder) and nothing runs; an audit log that
/// cannot be written runs nothing either. When the environment coordinates (`[environments.NAME.coordination]`),
/// a lock taken here is also the shared one (``SharedLock``: refused with `staging is locked by alice@ops-1
/// (rollback to 1.4.2, 12 s ago)`, or, store unreachable with `require`, refused with that reason) and every
/// record also goes to the shared audit table (``SharedAudit``). `prepare` runs under the lock before the start
/// record (a restore's checks of the database and the backup file); a result from it ends the attempt without a
/// start record.
public struct ActionEnvelope: Sendable {
    /// Why nothing ran.
    public enum Refusal: Error, Sendable {
        /// Another action holds the environment's lock (already audited as `refused`).
        case lockHeld(ActionLockError)
        /// The start record could not be written.
        case auditUnwritable(ActionFailure)
    }

    /// The environment acted on (its state folder holds the lock and the audit log).
    public let environment: EnvironmentConfig
    /// The action's name in the audit log.
    public let action: String
    /// What it aims at, when that applies.
    public let target: String?
    /// The name the lock's note gives the holder, e.g. `restart api`.
    public let lockName: String
    /// The argv planned, recorded in the refused and start records.
    public let commands: [[String]]
    /// Whether it takes the environment's exclusive lock (``ActionSpec/takesEnvironmentLock``).
    public let takesLock: Bool
    /// A lock the caller already holds (a rehearsal's steps run under its lock).
    public let heldLock: ActionLock?
    /// Who acts.
    public let identity: OperatorIdentity

    /// Creates the envelope of one attempt.
    public init(environment: EnvironmentConfig, action: String, target: String? = nil, lockName: String? = nil,
                commands: [[String]], takesLock: Bool = true, heldLock: ActionLock? = nil,
                identity: OperatorIdentity = .current()) {
        self.environment = environment
        self.action = action
        self.target = target
        self.lockName = lockName ?? action
        self.commands = commands
        self.takesLock = takesLock
        self.heldLock = heldLock
        self.identity = identity
    }

    /// The envelope of `spec` in `environment` (its config): the spec's kind, target, argv and lock.
    public init(spec: ActionSpec, environment: EnvironmentConfig, heldLock: ActionLock? = nil,
                identity: OperatorIdentity = .current()) {
        self.init(environment: environment, action: spec.kind.name, target: spec.target, lockName: spec.title,
                  commands: spec.commands, takesLock: spec.takesEnvironmentLock, heldLock: heldLock, identity: identity)
    }

    /// The environment's audit log (and its shared table, when it coordinates).
    public var auditLog: AuditLog { AuditLog(environment: environment) }

    /// The start record's details about the lock: `under_lock_of` when it runs under a held lock, and (with
    /// `takeover`) `lock_taken_over_from` when it took over a dead holder's lock.
    public func lockDetails(_ lock: ActionLock?, takeover: Bool) -> [String: JSONValue] {
        var details: [String: JSONValue] = [:]
        if lock == nil, takesLock, let holder = heldLock?.holder.action { details["under_lock_of"] = .string(holder) }
        if takeover, let stale = lock?.tookOverFrom { details["lock_taken_over_from"] = .string(stale.description) }
        return details
    }

    /// Runs one attempt inside the envelope (see ``ActionEnvelope``). `details` builds the start record's
    /// details from the lock taken (after `prepare`).
    public func run<Result>(details: (ActionLock?) -> [String: JSONValue] = { _ in [:] },
                            refused: (Refusal) -> Result,
                            prepare: () -> Result? = { nil },
                            body: (AuditTrail) -> Result) -> Result {
        run(details: details, refused: refused, prepare: prepare) { trail, _ in body(trail) }
    }

    /// Runs one attempt inside the envelope, handing the body the lock taken too (nil under a held lock), for
    /// an action whose own steps run under it (a rehearsal's backup, deploy, rollback and restore).
    /// `startTarget`, when given, is the start record's target instead of ``target``.
    public func run<Result>(details: (ActionLock?) -> [String: JSONValue] = { _ in [:] }, startTarget: String? = nil,
                            refused: (Refusal) -> Result,
                            prepare: () -> Result? = { nil },
                            body: (AuditTrail, ActionLock?) -> Result) -> Result {
        let lock: ActionLock?
        if takesLock {
            do throws(ActionLockError) {
                lock = try ActionLock.acquire(unlessHeld: heldLock, stateDirectory: environment.stateDirectory,
                                              environment: environment.name, action: lockName, identity: identity)
            } catch {
                try? AuditTrail.notStarted(auditLog, outcome: .refused, environment: environment.name, action: action,
                                           target: target, commands: commands, reason: error.description, identity: identity)
                return refused(.lockHeld(error))
            }
        } else {
            lock = nil
        }
        defer { lock?.release() }
        // With coordination, a lock taken here is taken in the shared store too (not under a held lock: the
        // outer action holds both); released before the local one.
        var coordination: [String: JSONValue] = [:]
        var shared: SharedLock?
        if let lock, let store = CoordinationStore(environment: environment, identity: identity) {
            do throws(ActionLockError) {
                shared = try SharedLock.acquire(store, action: action, target: target) { reason in
                    coordination["coordination"] = .string("\(reason); ran on the local lock (require = false)")
                }
            } catch {
                lock.release()
                var unreachable = false
                if case .storeUnreachable = error { unreachable = true }
                try? AuditTrail.notStarted(AuditLog(environment: environment, storeUnreachable: unreachable), outcome: .refused, environment: environment.name, action: action,
                                           target: target, commands: commands, reason: error.description, identity: identity)
                return refused(.lockHeld(error))
            }
            if let stale = shared?.tookOverFrom {
                coordination["shared_lock_taken_over_from"] = .string("\(stale.who) (\(stale.what), pid \(stale.pid))")
            }
        }
        defer { shared?.release() }
        let log = AuditLog(environment: environment, connection: shared?.connection,
                           storeUnreachable: coordination["coordination"] != nil)
        if let early = prepare() { return early }
        let trail: AuditTrail
        do throws(ActionFailure) {
            trail = try AuditTrail.begin(log, environment: environment.name, action: action, target: startTarget ?? target,
                                         commands: commands, details: details(lock).merging(coordination) { mine, _ in mine },
                                         identity: identity)
        } catch {
            return refused(.auditUnwritable(error))
        }
        return body(trail, lock)
    }
}
