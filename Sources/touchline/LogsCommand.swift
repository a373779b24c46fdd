import ArgumentParser
import TouchlineApp

/// `touchline logs SERVICE`: a service's log, from `[environments.NAME.logs.SERVICE]` (command or file).
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a service's log ([environments.ENV.logs.SERVICE]: a command or a file).",
        discussion: """
            Without --follow: a file's last N lines, or the first N lines a command prints (or what it printed \
            within 2 s), after which the command is stopped. With --follow: the log as it grows until Ctrl-C \
            (files are followed across rotation and truncation), starting as tail -n N -f does: a file's last N \
            lines, or the last N lines of the backlog a command prints first (held from its first line until it \
            is quiet for 0.2 s, at most 2 s; what was left out is said on standard error). A device or a directory as a file is refused. Exit codes: 0 read, 1 the source could \
            not be read or the command failed, 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The service (a table under [environments.ENV.logs]).")
    var service: String

    @Flag(name: .long, help: "Keep printing the log as it grows, until Ctrl-C.")
    var follow = false

    @Option(name: .long, help: ArgumentHelp("How many lines (default 100; with --follow: of the past lines, as tail -n N -f).", valueName: "N"))
    var lines = 100

    func validate() throws {
        guard lines >= 1, lines <= 100_000 else {
            throw ValidationError("--lines must be between 1 and \(100_000)")
        }
    }

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        let code = LogsPrinter.run(service: service, environment: environment, follow: follow, lines: lines)
        if code != 0 { throw ExitCode(code) }
    }
}
