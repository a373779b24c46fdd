import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline restore FILE`: restores an environment's database from one of its verified backups, after a
/// safety backup, all-or-nothing, then verifies every table's row count against the manifest.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore an environment's database from a backup (safety backup first, all-or-nothing, row counts verified).",
        discussion: """
            FILE is a name from `touchline backups` or a path inside the backup directory. --confirm with the \
            environment's name is always required. Progress goes to standard error; Ctrl-C (SIGINT, SIGTERM, \
            SIGHUP) stops it and the database stays as it was. Exit codes: 0 restored and verified, 1 it ran and \
            failed or was cancelled, 2 refused (confirmation missing or wrong, lock held, backup not verified, \
            database unreachable), 3 configuration or usage error (no backup table, no such FILE).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The backup to restore: a file name from `touchline backups`, or a path inside the backup directory.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (always required).", valueName: "ENVIRONMENT"))
    var confirm: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (loaded, environment) = options.load()
        let headless = HeadlessAction(command: "restore", action: RestoreAction.name, environment: environment, json: json)
        let config: BackupConfig
        do {
            config = try environment.actions.requiredBackup(of: environment, configFile: loaded.path)
        } catch {
            throw headless.usage(error.description)
        }
        let action = RestoreAction(environment: environment, config: config)
        do throws(ActionFailure) {
            _ = try action.existingBackup(file)
        } catch {
            throw headless.usage(error.message)
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: false, typedNameAlways: true)
        guard let spec = headless.catalog.restore(file: name, in: environment.name) else {
            throw headless.usage("no backup configured for \(environment.name)")
        }
        try headless.requireConfirmation(rules, verb: "restore \(name)", spec: spec, figures: ["file": .string(name)])
        let signals = SignalCancellation(giveUpAfter: 15, command: "restore") { action.cancel(reason: $0) }
        let report = action.perform(file: file) { StandardError.write($0) }
        signals.stop()
        try headless.finish(report)
    }
}
