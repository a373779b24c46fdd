import TouchlineCore

extension AuditLog {
    /// The audit log of `environment`: its JSONL, and its shared table when it configures coordination (each
    /// record is written locally first, then sent; see ``SharedAudit``). `storeUnreachable`: the caller just
    /// failed to reach the store, so the records go straight to the spool.
    public init(environment: EnvironmentConfig, connection: CoordinationConnection? = nil, storeUnreachable: Bool = false) {
        self.init(stateDirectory: environment.stateDirectory)
        shared = CoordinationStore(environment: environment).map {
            SharedAudit(store: $0, connection: connection, unreachable: storeUnreachable)
        }
    }
}
