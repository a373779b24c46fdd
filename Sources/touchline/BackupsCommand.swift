import ArgumentParser
import Foundation
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
            config = try BackupConfigParser.parse(environment: environment, configFile: loaded.path)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(ActionExit.usage)
        }
        Self.printList(config, environment: environment.name, json: json)
    }

    /// Prints the backups of `config`'s directory as text or JSON (also `touchline backup --list`).
    static func printList(_ config: BackupConfig, environment: String, json: Bool) {
        let inventory = BackupInventory.load(directory: config.directory)
        HeadlessAction.output(json ? BackupOutput.render(BackupOutput.listJSON(inventory, environment: environment))
                                   : BackupOutput.listText(inventory, environment: environment))
    }
}
