import ArgumentParser
import Foundation
import Glibc
import TouchlineCore
import TouchlineTerminal
import TouchlineUI

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
        let (config, environment) = options.load()
        let processEnvironment = ProcessInfo.processInfo.environment
        let monochrome = noColor || ThemeLoader.colorDisabled(environment: processEnvironment)
        let loader = ThemeLoader(themesDirectory: themesDir, environment: processEnvironment,
                                 installationDirectories: Self.installationThemeFolders(configPath: config.path))
        let themeName = theme ?? config.theme
        let log = StateLog(directory: environment.stateDirectory)
        let screen = TerminalScreen(monochrome: monochrome)
        let queue = EventQueue()
        let watcher = SignalWatcher { signal in queue.post(.terminate(signal: signal)) }
        defer { watcher.cancel() }
        do {
            try screen.start()
        } catch let error as TerminalError {
            StandardError.write("touchline: \(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
        let index = config.environments.firstIndex { $0.name == environment.name } ?? 0
        var state = DashboardState(environments: config.environments, environmentIndex: index, theme: themeName,
                                   themes: loader.availableThemes(), readOnly: readOnly,
                                   bindings: config.bindings, now: Date(), width: screen.size.width, height: screen.size.height)
        state.thresholds = config.thresholds
        let loop = DashboardLoop(state: state, screen: screen, queue: queue,
                                 fleet: ProbeFleet(queue: queue, environment: processEnvironment, log: log), log: log,
                                 themes: ThemePalette(loader: loader, monochrome: screen.monochrome),
                                 actions: ActionDesk(environments: config.environments, configPath: config.path,
                                                     queue: queue, log: log))
        loop.configPath = config.path
        let code = loop.run()
        screen.stop()
        if let reminder = StackReminder.line(environment: processEnvironment) { print(reminder) }
        if code != 0 { throw ExitCode(code) }
    }

    /// The installation's `Themes/` folders: next to the binary, the package root above `.build`, beside the config.
    static func installationThemeFolders(configPath: String) -> [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var folders = [executable.appendingPathComponent("Themes").path]
        var root = executable
        for _ in 0..<3 {
            root = root.deletingLastPathComponent()
            folders.append(root.appendingPathComponent("Themes").path)
        }
        folders.append(URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent("Themes").path)
        return folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}
