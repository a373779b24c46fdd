import ArgumentParser
import TouchlineApp
import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline rehearse`: the staging deployment rehearsal as one command, with a Markdown and JSON report.
///
/// Exit codes: 0 every step passed, 1 a step failed (or the run was cancelled), 2 refused (protected
/// environment, another action holds the lock), 3 configuration or usage error. Progress: one line per
/// step start and end on standard error.
///
/// SIGINT, SIGTERM and SIGHUP: the first stops the forward work; the compensating rollback (once the deploy
/// command ran) still runs to its end, is reported and audited, then the command exits 1. A second signal
/// stops the rollback too, and the report says which release was left running.
struct RehearseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Rehearse a deployment: preflight, backup, deploy, checks, load test, rollback, restore, verification.",
        discussion: """
            Exit codes: 0 every step passed, 1 a step failed or the run was cancelled, 2 refused (protected \
            environment, or another action holds the environment's lock), 3 configuration or usage error. \
            The report is written as Markdown and JSON to --report or to <state_dir>/rehearsals/. \
            SIGINT, SIGTERM or SIGHUP stops the forward work; once the deploy has run, the rollback to the \
            original release still runs (audited, reported) before the command exits 1. A second signal stops \
            that rollback; the report then says which release was left running.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The release to deploy (default: `release` of the rehearsal table, else the newest listed).",
                                            valueName: "RELEASE"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the report: PATH.md and PATH.json (default: the state folder).",
                                            valueName: "PATH"))
    var report: String?

    @Flag(name: .long, help: "Print the report as JSON on standard output instead of Markdown.")
    var json = false

    func run() throws {
        let (loaded, environment) = options.load()
        let backup: BackupConfig
        let rehearsal: RehearsalConfig
        let rollback: RollbackConfig
        do {
            backup = try environment.actions.requiredBackup(of: environment, configFile: loaded.path)
            guard let parsed = environment.actions.rollback else {
                throw ConfigError(file: loaded.path, key: "environments.\(environment.name).rollback",
                                  message: "a rehearsal needs a rollback table (probe, list_command, command)")
            }
            rollback = parsed
            rehearsal = try environment.actions.requiredRehearsal(of: environment, configFile: loaded.path)
        } catch {
            StandardError.write("\(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if let to, !RehearsalConfig.isValidRelease(to) {
            StandardError.write("touchline rehearse: --to: '\(to)' is not a release name (letters, digits and ._+- only)")
            throw ExitCode(ExitStatus.usage)
        }
        try HeadlessAction(command: "rehearse", action: "rehearsal", environment: environment, json: false).coordinationPreflight()
        let run = RehearsalRun(environment: environment, backup: backup, rollback: rollback, rehearsal: rehearsal,
                               release: to, reportPath: report)
        let interrupts = SignalCancellation(giveUpAfter: RehearsalRunner.exitWaitSeconds(environment: environment, rollback: rollback),
                                            thenAfter: RehearsalRunner.afterCompensationStopSeconds, command: "rehearse") { reason in
            let forward = run.interrupt(reason: reason)
            StandardError.write(!forward
                ? "touchline rehearse: \(reason): stopping the rollback; the report will say which release is left running"
                : "touchline rehearse: \(reason): stopping the rehearsal; once deployed, the rollback to the original "
                    + "release still runs (a second signal stops it)")
        }
        let result = run.run(progress: RehearsalStepPrinter.printStepChanges)
        interrupts.stop()
        if let refusal = result.refusal {
            StandardError.write("touchline rehearse: refused: \(refusal)")
            throw ExitCode(ExitStatus.refused)
        }
        FileDescriptorWriter.write(json ? RehearsalJSON.render(result) + "\n" : RehearsalMarkdown.render(result),
                                   to: FileDescriptorWriter.standardOutput)
        StandardError.write(result.verdict)
        if result.files.isEmpty {
            StandardError.write("touchline rehearse: the report could not be written")
            throw ExitCode(ExitStatus.failed)
        }
        StandardError.write("report: \(result.files.joined(separator: ", "))")
        if !result.passed { throw ExitCode(ExitStatus.failed) }
    }
}
