/// What a cancel (`c`, `y`) does to the running action, in the words the cancel dialog shows: the forward
/// work it stops, the compensating step that still runs (and is never stopped by the same cancel), and
/// what may be left behind. One sentence per action kind, chosen by the running action's name
/// (`rehearsal`, `backup`, `restore FILE`, `restart SERVICE`, `rollback RELEASE`).
public enum CancelConsequence {
    /// The dialog text for cancelling `action` (the running action's name) in `environment`.
    public static func ofCancel(_ action: String, environment: String) -> String {
        switch kind(of: action) {
        case "rehearsal":
            return "stops the rehearsal's current step and skips the rest. If the deploy has run, \(environment) is then "
                + "rolled back to the release before it — that rollback still runs to its end (its own deadline, its own "
                + "audit records); only a second c can stop it. The database is not restored: the step 2 backup stays."
        case "backup":
            return "stops pg_dump and the compressor (SIGTERM, then SIGKILL) and deletes the partial file; no backup is "
                + "listed. The database was only read, so nothing else changes."
        case "restore":
            return "stops the safety backup (its partial file is deleted) or psql; PostgreSQL rolls psql's one "
                + "transaction back, so the database stays as it was before the restore. A written safety backup is kept."
        case "restart":
            let service = target(of: action) ?? "the service"
            return "stops the restart command (SIGTERM, then SIGKILL) or the wait for health. A restart has no undo: "
                + "if \(service) was stopped and not started again it stays stopped (s starts it); the end line says what "
                + "its probe reports."
        case "rollback":
            return "stops the rollback command (SIGTERM, then SIGKILL) or the wait for the release. A rollback has no "
                + "undo: \(environment) may be left between releases; the end line says which release the probe reports "
                + "(u picks one again)."
        default:
            return "stops \(action): its processes get SIGTERM, then SIGKILL."
        }
    }

    /// The dialog text for stopping a running compensation (`compensating`, e.g. `rolling back to 1.5.0`)
    /// that would leave `leftIfStopped` (e.g. `staging will be left on 1.6.0`).
    public static func ofStoppingCompensation(_ compensating: String, leftIfStopped: String?) -> String {
        let left = leftIfStopped ?? "the application will be left as the stopped command leaves it"
        return "stop the recovery (\(compensating))? \(left) — roll back with u afterwards. The report, the Events "
            + "pane and the audit log will say which release was left running. n keeps the recovery running."
    }

    /// The action kind: the first word of the running action's name.
    static func kind(of action: String) -> String {
        String(action.split(separator: " ", maxSplits: 1).first ?? Substring(action))
    }

    /// What the action acts on: the rest of its name after the kind (`restart redis` → `redis`).
    static func target(of action: String) -> String? {
        let parts = action.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }
}
