import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline releases`: the releases a rollback can pick, newest first, marking the running one and the
/// previous one (what `rollback` without RELEASE picks).
struct ReleasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases",
        abstract: "List the releases (rollback list_command), newest first, marking the running and the previous one.",
        discussion: """
            The running release is what the rollback probe reports now; the previous one is the release listed \
            right after it, which `touchline rollback` without RELEASE picks. Exit codes: 0 listed, 1 the list \
            command failed, 3 configuration or usage error (e.g. no rollback table).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (loaded, environment) = options.load()
        let headless = HeadlessAction(command: "releases", action: "releases", environment: environment, json: json)
        let lookup = try ReleaseLookup(headless: headless, configFile: loaded.path)
        let plan: ReleasePlan
        switch lookup.plan() {
        case .failure(let failure):
            try headless.finish(ActionReport(.failed, failure.description))
            return
        case .success(let found):
            plan = found
        }
        let message = plan.previous.map { "running \(plan.running ?? "?"); rollback without RELEASE picks \($0)" }
            ?? "rollback without RELEASE is refused: \(plan.noPreviousReason ?? "no previous release")"
        guard json else {
            HeadlessAction.output(ReleaseListText.text(plan, environment: environment.name, message: message))
            return
        }
        let releases: [JSONValue] = plan.releases.map { release in
            .object(["release": .string(release), "running": .bool(release == plan.running),
                     "previous": .bool(release == plan.previous)])
        }
        headless.write(ActionReport(.ok, message, figures: [
            "releases": .array(releases), "running_release": .string(plan.running),
            "previous_release": .string(plan.previous), "no_previous_reason": .string(plan.noPreviousReason),
        ]))
    }
}
