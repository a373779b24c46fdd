import ArgumentParser
import TouchlineApp
import TouchlineCore

/// The arguments `cancel-query` and `terminate-session` share: the pid, the probe, the confirmation and the
/// output form; `run(_:)` signals the session with `pg_cancel_backend` or `pg_terminate_backend`.
struct SessionSignalOptions: ParsableArguments {
    /// What both commands' help says after their one-line abstract.
    static let discussion = """
        Refused for a pid that is not a client backend of the probe's server, and for touchline's own \
        connections; another touchline's session needs --confirm with the environment's name. Then touchline \
        polls pg_stat_activity for up to 5 s and reports "ended after 0.3 s" or "still running after 5 s". \
        Audited with the pid, user, application and the first 200 characters of the query; it does not take \
        the environment's action lock. Exit codes: 0 ended, 1 still running or failed, 2 refused \
        (confirmation missing or wrong, not a client backend, touchline's own), 3 configuration or usage error.
        """

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The session's backend pid (pg_stat_activity.pid).")
    var pid: Int

    @Option(name: .long, help: ArgumentHelp("The postgres probe (may be left out when the environment has one).", valueName: "NAME"))
    var probe: String?

    @OptionGroup var confirmation: ConfirmationOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if pid <= 0 { throw ValidationError("PID must be a positive backend pid") }
    }

    /// Loads the config and signals the session: `kind` is `.cancelQuery` or `.terminateSession`.
    func run(_ kind: ActionKind) throws {
        let (_, environment) = options.load(connectingTo: [])
        try SessionsHeadless.signal(kind, pid: pid, environment: environment, probe: probe, confirm: confirmation.confirm, yes: confirmation.yes, json: json)
    }
}
