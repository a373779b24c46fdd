import ArgumentParser
import TouchlineApp

/// `touchline alerts`: the environment's firing alerts, as a deploy gate.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the environment's firing alerts (its [alerts] Alertmanager or Prometheus) and exit 0/1/2.",
        discussion: """
            Exit codes: 0 none firing, 1 only warnings (any severity other than critical, or none), 2 a critical \
            alert fires or the source cannot be read (the reason on standard error: a gate must not pass blind), \
            3 configuration or usage error. Silenced, inhibited and pending alerts are listed but do not count.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object (alerts, silences, counts, exit_code) instead of a table.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        try AlertsHeadless.alerts(environment, json: json)
    }
}
