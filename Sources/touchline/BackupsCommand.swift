import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore

/// `touchline backups`: an environment's backups, newest first, with age, size and verification state.
struct BackupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backups",
        abstract: "List an environment's backups (age, size, verification state), newest first.",
        discussion: "Exit codes: 0 listed, 3 configuration or usage error (e.g. no backup table). Same as `backup --list`."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let (loaded, environment) = options.load(connectingTo: [])
        let config: BackupConfig
        do {
            config = try environment.actions.requiredBackup(of: environment, configFile: loaded.path)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        BackupListPrinter.print(config, environment: environment.name, json: json)
    }
}
