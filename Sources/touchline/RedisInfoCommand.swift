import ArgumentParser
import TouchlineApp
import TouchlineCore

/// `touchline redis-info`: the Redis diagnostics of one redis probe's server (the dashboard's `d`), headless.
struct RedisInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis-info",
        abstract: "Redis diagnostics: SLOWLOG, LATENCY LATEST, CLIENT LIST summary, MEMORY/LATENCY DOCTOR, keyspace.",
        discussion: """
            Read-only; each command has the probe's timeout. A command the server refuses (ACL, rename-command) \
            shows its refusal line in its section only. Exit codes: 0 read, 1 the server could not be reached \
            (or refused AUTH), 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The redis probe to read (may be left out when the environment has one).",
                                            valueName: "NAME"))
    var probe: String?

    @Flag(name: .long, help: "Print JSON (Redis's own field names) instead of text.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        let code = RedisInfoReport.run(environment: environment, probe: probe, json: json)
        if code != 0 { throw ExitCode(code) }
    }
}
