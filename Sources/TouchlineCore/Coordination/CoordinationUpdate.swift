/// What the dashboard's coordination watcher (App tier: a `LISTEN` session on the environment's store) reports.
public enum CoordinationUpdate: Sendable, Equatable {
    /// The watcher is connected to `environment`'s store (its DSN as shown, password as `***`).
    case connected(environment: String, store: String)
    /// The store cannot be used (the watcher retries); its state after `store `, e.g. `unreachable: Connection refused (…)`.
    case unreachable(environment: String, reason: String)
    /// A feed message arrived (another operator's action started or ended, an acknowledgement).
    case notice(FeedNotice)
    /// Who else watches `environment` (`alice@ops-1`), from `pg_stat_activity.application_name`.
    case presence(environment: String, watchers: [String])
    /// The acknowledgements in force for `environment` (expired ones already removed).
    case acknowledgements(environment: String, [Acknowledgement])
    /// Who holds `environment`'s shared lock now, when it is another process (nil: free, or this dashboard).
    case holder(environment: String, SharedHolder?)
    /// Another operator's lock session ended while the action's start record (`start`) had no end record: it was
    /// killed, crashed or lost its connection to the store.
    case interrupted(environment: String, start: AuditRecord)
}
