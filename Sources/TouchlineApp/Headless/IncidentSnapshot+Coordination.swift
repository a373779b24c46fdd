import TouchlineCore

extension IncidentSnapshot {
    /// Fills ``actions`` with the last 50 records of every operator (the local log merged with the shared
    /// audit table, ``AuditMerge``) and ``lockHolders`` with who held the action lock, shared and local.
    public mutating func recordCoordination() {
        let merged = AuditMerge.read(environment, limit: 50)
        actions = merged.records
        interruptedActions = merged.interrupted
        let status = LockStatus.read(environment)
        lockHolders = (status.shared.map { [$0.refusal + " (shared lock)"] } ?? [])
            + (status.local.map { ["\(environment.name) is locked on this machine: \($0.description) (local lock)"] } ?? [])
    }
}
