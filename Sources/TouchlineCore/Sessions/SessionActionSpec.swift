/// The ``ActionSpec`` of cancelling a session's query or terminating the session: built in Core, like every
/// other spec, from the environment and the session as listed, so the dialog, the runner and the audit see one
/// value.
public enum SessionActionSpec {
    /// How long the runner waits to see the signal work (the pid gone, or its query ended), in seconds.
    public static let verifySeconds = 5.0

    /// The spec of `kind` (``ActionKind/cancelQuery`` or ``ActionKind/terminateSession``) on `signal`'s session
    /// in `environment`: confirmed by the typed environment name when the environment is protected or the session
    /// is another touchline's, by yes/no otherwise.
    public static func make(_ kind: ActionKind, environment: EnvironmentConfig, signal: SessionSignal) -> ActionSpec {
        let statement = SessionSignal.statement(kind, pid: signal.session.pid)
        let typed = environment.protected || signal.session.isTouchline
        var spec = ActionSpec(kind: kind, environment: environment.name, target: String(signal.session.pid),
                              commands: [[statement]], lines: ["\(statement)  -- on the server of probe \(signal.probe)"],
                              consequence: consequence(kind), confirmation: typed ? .typeEnvironmentName : .yesNo,
                              timeout: verifySeconds)
        spec.session = signal
        return spec
    }

    /// What it does, in words, for the dialog.
    public static func consequence(_ kind: ActionKind) -> String {
        kind == .terminateSession
            ? "terminate the session: its backend exits, the client's connection closes and an open transaction rolls back; "
                + "touchline then waits up to 5 s for the pid to be gone"
            : "cancel the query: the running statement stops with an error, the session stays connected (inside a "
                + "transaction, the transaction is aborted); touchline then waits up to 5 s for the query to end"
    }

    /// The dialog's name of the action: `cancel the query` or `terminate the session`.
    public static func title(_ kind: ActionKind) -> String {
        kind == .terminateSession ? "terminate the session" : "cancel the query"
    }
}
