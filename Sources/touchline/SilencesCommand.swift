import ArgumentParser
import TouchlineApp

/// `touchline silences`: the environment's active and pending Alertmanager silences.
struct SilencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silences",
        abstract: "List the environment's active and pending Alertmanager silences.",
        discussion: "Exit codes: 0 listed, 2 Alertmanager cannot be read, 3 configuration or usage error."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        try AlertsHeadless.silences(environment, json: json)
    }
}
