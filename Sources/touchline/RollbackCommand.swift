import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline rollback [RELEASE]`: switches the application to a listed release (default: the previous one)
/// and waits until its probe is up and reports it, measuring the downtime.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Roll the application to a listed release (default: the previous one) and wait until the probe reports it.",
        discussion: """
            --confirm with the environment's name is always required. Without RELEASE it picks the release listed \
            right after the running one (see `touchline releases`). The command's output goes to standard error; \
            Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops its process group. Exit codes: 0 the probe reports the release, \
            1 the command failed, was cancelled, or the probe never reported the release in time, 2 refused \
            (confirmation missing or wrong, lock held, release already running or not listed, no previous release), \
            3 configuration or usage error (e.g. no rollback table).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The release to switch to (default: the previous one).")
    var release: String?

    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (always required).", valueName: "ENVIRONMENT"))
    var confirm: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (loaded, environment) = options.load()
        let headless = HeadlessAction(command: "rollback", action: RollbackAction.name, environment: environment, json: json)
        let lookup = try ReleaseLookup(headless: headless, configFile: loaded.path)
        let config = lookup.action.config
        let plan: ReleasePlan
        switch lookup.plan() {
        case .failure(let failure):
            throw headless.refuse(failure.description, outcome: .failed, target: release,
                                  commands: [config.listCommand])
        case .success(let found):
            plan = found
        }
        var figures: [String: JSONValue] = ["from_release": .string(plan.running)]
        guard let target = release ?? plan.previous else {
            throw headless.refuse("no RELEASE given and no previous release: \(plan.noPreviousReason ?? "unknown")",
                                  target: nil, commands: [config.command], figures: figures)
        }
        figures["release"] = .string(target)
        let command = config.command(for: target)
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: false, typedNameAlways: true)
        if let refusal = plan.refusal(for: target) {
            throw headless.refuse(refusal, target: target, commands: [command], figures: figures)
        }
        guard let spec = headless.catalog.rollback(to: target, current: plan.running, in: environment.name) else {
            throw headless.usage("no rollback configured for \(environment.name)")
        }
        try headless.requireConfirmation(rules, verb: "roll back to \(target)", spec: spec, figures: figures)
        let cancellation = CancellationSwitch()
        let signals = SignalCancellation(giveUpAfter: 15, command: "rollback") { cancellation.flip(.cancelled($0)) }
        // plan.releases was listed a moment ago: the switch does not run the list command again
        let report = lookup.action.perform(to: target, listed: plan.releases, cancellation: cancellation) { StandardError.write($0) }
        signals.stop()
        try headless.finish(report, extra: figures)
    }
}
