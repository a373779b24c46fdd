import ArgumentParser
import TouchlineApp

/// `touchline expire-silence ID`: ends an Alertmanager silence now.
struct ExpireSilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire-silence",
        abstract: "Expire an Alertmanager silence (audited; takes no action lock).",
        discussion: """
            Done when Alertmanager lists the silence expired. A protected environment needs --confirm with its name; \
            elsewhere --yes skips the question. Exit codes: 0 expired, 1 Alertmanager did not expire it or \
            could not be read, 2 refused (confirmation missing or wrong, silence not found), 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The silence's id (touchline silences lists them).")
    var id: String

    @OptionGroup var confirmation: ConfirmationOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        try AlertsHeadless.expire(environment, id: id, confirm: confirmation.confirm, yes: confirmation.yes, json: json)
    }
}
