import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineTerminal

/// `touchline` (the default command): the full-screen dashboard of one environment.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen dashboard (the default command). Press ? inside for the keys."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Theme name (a file in Themes/ without .toml); overrides the config's theme.")
    var theme: String?

    @Option(name: .long, help: "A folder of theme files searched before the others.")
    var themesDir: String?

    @Flag(name: .long, help: "No colours (attributes only). NO_COLOR in the environment does the same.")
    var noColor = false

    @Flag(name: .long, help: "Turn every operator action off.")
    var readOnly = false

    func run() throws {
        GnuTLSImplicitInit.skipByReexecuting()
        let (config, environment) = options.load()
        let code: Int32
        do {
            code = try DashboardLaunch.run(config: config, environment: environment, theme: theme,
                                           themesDirectory: themesDir, noColor: noColor, readOnly: readOnly)
        } catch let error as TerminalError {
            StandardError.write("touchline: \(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
