/// The operator actions that run commands against an environment. Each has one runner; its raw value is the
/// action's name in the audit log, the Events pane and the `--json` reports (`backup`, `restore`, …).
///
/// Unlocking a protected environment and stopping the running action (or its compensation) are not actions of
/// this kind: they run nothing, and the dialog's ``ActionRequest/Purpose`` tells them apart.
public enum ActionKind: String, Sendable, Equatable, CaseIterable {
    case backup, restore, restart, rollback, rehearsal
    case configRestore = "config-restore", configSnapshot = "config-snapshot"
    /// `pg_cancel_backend` on one PostgreSQL session (the Sessions view's `x`, `touchline cancel-query`).
    case cancelQuery = "cancel-query"
    /// `pg_terminate_backend` on one PostgreSQL session (the Sessions view's `X`, `touchline terminate-session`).
    case terminateSession = "terminate-session"
    /// Posts an Alertmanager silence (triage: confirmed and audited, no environment lock).
    case silence
    /// Expires an Alertmanager silence (triage: confirmed and audited, no environment lock).
    case expireSilence = "expire-silence"

    /// The action's name in the audit log and in messages.
    public var name: String { rawValue }

    /// Whether it changes an environment's state: dangerous actions are refused in read-only mode and in a
    /// locked protected environment (``ActionCatalog/permits(_:readOnly:locked:)``). Every kind is except taking a
    /// config snapshot (it only copies files aside); cancelling a query and terminating a session are.
    public var isDangerous: Bool { self != .configSnapshot }

    /// Whether it holds the environment's exclusive action lock while it runs: state-changing actions do, so
    /// a second one waits or is refused; triage actions must not wait behind a long backup.
    public var takesEnvironmentLock: Bool { self != .configSnapshot && !isSessionSignal && !Self.triage.contains(self) }

    /// The alert triage kinds: confirmed and audited, but never waiting behind another action's lock.
    public static let triage: Set<ActionKind> = [.silence, .expireSilence]

    /// Whether it signals a PostgreSQL backend (cancel the query, terminate the session): a triage action that
    /// runs beside a running action, without the lock.
    public var isSessionSignal: Bool { self == .cancelQuery || self == .terminateSession }
}
