/// The operator actions that run commands against an environment. Each has one runner; its raw value is the
/// action's name in the audit log, the Events pane and the `--json` reports (`backup`, `restore`, …).
///
/// Unlocking a protected environment and stopping the running action (or its compensation) are not actions of
/// this kind: they run nothing, and the dialog's ``ActionRequest/Purpose`` tells them apart.
public enum ActionKind: String, Sendable, Equatable, CaseIterable {
    case backup, restore, restart, rollback, rehearsal
    /// Posts an Alertmanager silence (triage: confirmed and audited, no environment lock).
    case silence
    /// Expires an Alertmanager silence (triage: confirmed and audited, no environment lock).
    case expireSilence = "expire-silence"

    /// The action's name in the audit log and in messages.
    public var name: String { rawValue }

    /// Whether it changes an environment's state: dangerous actions are refused in read-only mode and in a
    /// locked protected environment (``ActionCatalog/permits(_:readOnly:locked:)``). Every kind today is; the
    /// triage actions of later issues (cancelling a query, silencing an alert) need not be.
    public var isDangerous: Bool { true }

    /// Whether it holds the environment's exclusive action lock while it runs: state-changing actions do, so
    /// a second one waits or is refused; triage actions must not wait behind a long backup.
    public var takesEnvironmentLock: Bool { !Self.triage.contains(self) }

    /// The triage kinds: confirmed and audited, but never waiting behind another action's lock.
    public static let triage: Set<ActionKind> = [.silence, .expireSilence]
}
