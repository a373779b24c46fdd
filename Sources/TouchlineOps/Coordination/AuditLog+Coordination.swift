import TouchlineCore

extension AuditLog {
    /// The audit log of `environment`: its JSONL, and its shared table when it configures coordination (each
    /// record is written locally first, then sent; see ``SharedAudit``).
    public init(environment: EnvironmentConfig, connection: CoordinationConnection? = nil) {
        self.init(stateDirectory: environment.stateDirectory)
        shared = CoordinationStore(environment: environment).map { SharedAudit(store: $0, connection: connection) }
    }
}
