import ArgumentParser
import TouchlineApp

/// `touchline silence`: posts an Alertmanager silence and waits until it is in effect.
struct SilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Silence alerts in the environment's Alertmanager (audited; takes no action lock).",
        discussion: """
            Done when Alertmanager lists the silence active and every alert it matches suppressed. A protected \
            environment needs --confirm with its name; elsewhere --yes skips the question. Exit codes: 0 in effect, \
            1 Alertmanager refused it (the reason is printed), could not be reached, or it was not in effect in time \
            (it is expired again), \
            2 refused here (confirmation missing or wrong), 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("A label matcher: name=value, name!=value, name=~regex or name!~regex (repeatable).",
                                            valueName: "MATCHER"))
    var matcher: [String] = []

    @Option(name: .customLong("for"), help: ArgumentHelp("How long (e.g. 30m, 1h, 4h; 1m to 30d).", valueName: "DURATION"))
    var duration = "1h"

    @Option(name: .long, help: "Why (required), e.g. the ticket.")
    var comment: String?

    @OptionGroup var confirmation: ConfirmationOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        try AlertsHeadless.silence(environment, matchers: matcher, duration: duration, comment: comment, confirm: confirmation.confirm, yes: confirmation.yes,
                                   json: json)
    }
}
