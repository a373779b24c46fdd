import FoundationEssentials
import TouchlineCore

/// Sends an environment's audit records to the shared `touchline.audit` table as they are written locally:
/// through the running action's dedicated session when it has one (so they are written while it holds the
/// lock), else through a short connection of its own. A record that cannot be sent goes to the ``AuditSpool``
/// and is uploaded later, marked late; after one failure the rest of this attempt's records go straight there
/// (no second wait for an unreachable store).
public final class SharedAudit: @unchecked Sendable {
    /// The store.
    public let store: CoordinationStore
    private let lock = ConditionVariable()
    private var connection: CoordinationConnection?
    private var unreachable = false

    /// Sends through `connection` when given (not closed here), else through connections of its own;
    /// `unreachable`: the store is already known to be down (every record goes to the spool without a wait).
    public init(store: CoordinationStore, connection: CoordinationConnection? = nil, unreachable: Bool = false) {
        self.store = store
        self.connection = connection
        self.unreachable = unreachable
    }

    /// Writes `record` to the shared table, or to the spool when the store cannot take it.
    public func deliver(_ record: AuditRecord) {
        lock.withLock {
            let spool = AuditSpool(stateDirectory: store.environment.stateDirectory)
            guard !unreachable else { return spool.append(record) }
            do throws(CoordinationError) {
                if let connection, connection.isOpen {
                    try SharedAuditRows.insert(record, late: false, secrets: store.secrets, on: connection)
                } else {
                    let own = try store.connect(.command)
                    defer { own.close() }
                    try SharedAuditRows.insert(record, late: false, secrets: store.secrets, on: own)
                }
            } catch {
                unreachable = true
                spool.append(record)
            }
        }
    }
}
