import ArgumentParser
import TouchlineApp
import TouchlineCore

/// `touchline sessions`: the PostgreSQL sessions of a postgres probe's server, as the dashboard's Sessions view
/// (key `a`) lists them.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the PostgreSQL sessions of a postgres probe's server (pg_stat_activity with pg_blocking_pids).",
        discussion: """
            By default the running sessions (state not idle), longest first; --waiting those waiting on a lock, \
            --blocking the sessions that block others with the chain behind each, --all every session. \
            touchline's own connections are left out; background workers are shown only with --workers. \
            Exit codes: 0 listed, 1 the server could not be reached, 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The postgres probe (may be left out when the environment has one).", valueName: "NAME"))
    var probe: String?

    @Flag(name: .long, help: "Print one JSON object: sessions in pg_stat_activity's names, blocked_by a list of pids.")
    var json = false

    @Flag(name: .long, help: "Only sessions that block others, each with the sessions behind it (depth, blocking).")
    var blocking = false

    @Flag(name: .long, help: "Only sessions waiting on a lock or blocked by another.")
    var waiting = false

    @Flag(name: .long, help: "Every session, idle ones too.")
    var all = false

    @Flag(name: .long, help: "Show background workers (autovacuum, WAL sender, …) too.")
    var workers = false

    @Option(name: .long, help: ArgumentHelp("Only sessions running for at least this long (e.g. 5s).", valueName: "DURATION"))
    var minDuration: String?

    func validate() throws {
        if [blocking, waiting, all].filter({ $0 }).count > 1 {
            throw ValidationError("--blocking, --waiting and --all exclude each other")
        }
    }

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        let mode: SessionsMode? = blocking ? .blocking : waiting ? .waiting : all ? nil : .running
        try SessionsHeadless.list(environment: environment, probe: probe, json: json, mode: mode, all: all, workers: workers,
                                  minDuration: minDuration)
    }
}
