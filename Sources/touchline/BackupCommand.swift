import ArgumentParser
import TouchlineApp
import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline backup`: a verified `pg_dump | gzip` of an environment's database, or `--list` of its backups.
///
/// Exit codes: 0 written and verified (or listed), 1 the backup ran and failed or was cancelled, 2 refused
/// (lock held, confirmation missing, wrong or declined), 3 configuration or usage error. On a terminal it
/// asks before running unless `--yes`; a protected environment needs `--confirm NAME` instead.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up an environment's database (pg_dump | gzip, verified, listed in manifest.json), or list its backups.",
        discussion: """
            Exit codes: 0 backup written and verified (or --list printed), 1 the backup failed or was cancelled, \
            2 refused (another action holds the environment's lock, or the confirmation is missing, wrong or declined), \
            3 configuration or usage error. On a terminal it asks first unless --yes is given; in a protected \
            environment pass --confirm with the environment's name instead.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "List the backups (age, size, verification state) instead of taking one.")
    var list = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (required when it is protected).",
                                            valueName: "ENVIRONMENT"))
    var confirm: String?

    @Flag(name: .long, help: "Do not ask on a terminal before backing up an unprotected environment.")
    var yes = false

    func run() throws {
        let (loaded, environment) = options.load(connectingTo: [])
        let config: BackupConfig
        do {
            config = try environment.actions.requiredBackup(of: environment, configFile: loaded.path)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        if list {
            BackupListPrinter.print(config, environment: environment.name, json: json)
            return
        }
        for warning in environment.connectionWarnings(probes: [config.probe]) { StandardError.write(warning) }
        let action = BackupAction(environment: environment, config: config)
        try requireConfirmation(action)
        let signals = SignalCancellation(giveUpAfter: 15, command: "backup") { action.cancel(reason: $0) }
        let line = BackupProgressLine(interactive: isatty(STDERR_FILENO) == 1)
        let result = action.run { line.show($0) }
        line.finish()
        signals.stop()
        // As every headless action: what was done on standard output, why it was not on standard error
        // (with --json, the object stays on standard output either way).
        if json {
            HeadlessAction.output(BackupOutput.render(BackupOutput.json(result, environment: environment.name)))
        } else if result.report != nil {
            HeadlessAction.output(BackupOutput.text(result, environment: environment.name))
        }
        if let reason = result.reason { StandardError.write("touchline backup: \(result.outcome.rawValue): \(reason)") }
        switch result {
        case .completed: return
        case .refused: throw ExitCode(ExitStatus.refused)
        case .failed, .cancelled: throw ExitCode(ExitStatus.failed)
        }
    }

    /// Refuses (audited, exit 2) without the confirmation the environment needs; on a terminal without
    /// `--yes` asks first, showing what will run (the rules of ``ActionConfirmationRules``); with `--json` a refusal
    /// prints its object on standard output too, as every action does.
    private func requireConfirmation(_ action: BackupAction) throws {
        let headless = HeadlessAction(command: "backup", action: BackupAction.name, environment: action.environment, json: json)
        let rules = ActionConfirmationRules(environment: action.environment, confirm: confirm, yes: yes, typedNameAlways: false)
        guard let spec = headless.catalog.backup(in: action.environment.name) else {
            throw headless.usage("no backup configured for \(action.environment.name)")
        }
        try headless.requireConfirmation(rules, verb: "back up", spec: spec)
    }
}
