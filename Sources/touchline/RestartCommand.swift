import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline restart SERVICE`: runs the service's restart command, streams its output, then waits for
/// its probe to be up and reports the time to healthy.
struct RestartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart a service (its [environments.NAME.restart.SERVICE] command), then wait until its probe is up.",
        discussion: """
            On a terminal it asks first unless --yes; a protected environment needs --confirm with its name. \
            The command's output goes to standard error; Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops its process group. \
            Exit codes: 0 healthy again, 1 the command failed, was cancelled or the service did not come back in \
            time, 2 refused (lock held, confirmation missing, wrong or declined), 3 configuration or usage error \
            (e.g. no restart table for SERVICE).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The service to restart (it has a [environments.NAME.restart.SERVICE] table).")
    var service: String

    @OptionGroup var confirmation: ConfirmationOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [service])
        let headless = HeadlessAction(command: "restart", action: RestartAction.name, environment: environment, json: json)
        let restarts = environment.actions.restarts
        guard let config = restarts[service], let spec = headless.catalog.restart(service, in: environment.name) else {
            let known = restarts.keys.sorted()
            throw headless.usage("no restart configured for '\(service)' in \(environment.name) "
                                 + (known.isEmpty ? "(no [environments.\(environment.name).restart.SERVICE] tables)"
                                                  : "(services with one: \(known.joined(separator: ", ")))"))
        }
        let figures: [String: JSONValue] = ["service": .string(service)]
        let rules = ActionConfirmationRules(environment: environment, confirm: confirmation.confirm, yes: confirmation.yes, typedNameAlways: false)
        try headless.requireConfirmation(rules, verb: "restart \(service)", spec: spec, figures: figures)
        let action = RestartAction(environment: environment, config: config)
        let cancellation = CancellationSwitch()
        let signals = SignalCancellation(giveUpAfter: 15, command: "restart") { cancellation.flip(.cancelled($0)) }
        let report = action.perform(cancellation: cancellation) { StandardError.write($0) }
        signals.stop()
        try headless.finish(report, extra: figures)
    }
}
