import FoundationEssentials
import TouchlineCore
import TouchlineTerminal
import TouchlineUI

/// Opens the full-screen dashboard on a terminal: wires the screen, the event queue, the signal watcher, the
/// probe fleet and the action desk into a ``DashboardLoop`` and runs it until `q` or a signal.
public enum DashboardLaunch {
    /// Runs the dashboard of `environment`; returns the process exit code (0, or 128 + signal) or throws a
    /// ``TerminalError`` when the terminal cannot be driven. `themesDirectory` is searched before the others.
    public static func run(config: TouchlineConfig, environment: EnvironmentConfig, theme: String?,
                           themesDirectory: String?, noColor: Bool, readOnly: Bool) throws -> Int32 {
        let processEnvironment = ProcessInfo.processInfo.environment
        let monochrome = noColor || ThemeLoader.colorDisabled(environment: processEnvironment)
        let loader = ThemeLoader(themesDirectory: themesDirectory, environment: processEnvironment,
                                 installationDirectories: installationThemeFolders(configPath: config.path))
        let themeName = theme ?? config.theme
        let log = StateLog(directory: environment.stateDirectory)
        let screen = TerminalScreen(monochrome: monochrome)
        let queue = EventQueue()
        let watcher = SignalWatcher { signal in queue.post(.terminate(signal: signal)) }
        defer { watcher.cancel() }
        try screen.start()
        let index = config.environments.firstIndex { $0.name == environment.name } ?? 0
        var state = DashboardState(environments: config.environments, environmentIndex: index, theme: themeName,
                                   themes: loader.availableThemes(), readOnly: readOnly,
                                   bindings: config.bindings, now: Date(), width: screen.size.width, height: screen.size.height)
        state.thresholds = config.thresholds
        StateFolderNotice.note(in: &state, environments: config.environments)
        let loop = DashboardLoop(state: state, screen: screen, queue: queue,
                                 fleet: ProbeFleet(queue: queue, environment: processEnvironment, log: log), log: log,
                                 themes: ThemePalette(loader: loader, monochrome: screen.monochrome),
                                 actions: ActionDesk(environments: config.environments, queue: queue, log: log))
        loop.configPath = config.path
        loop.coordination = CoordinationFeed(queue: queue, log: log)
        let code = loop.run()
        screen.stop()
        if let reminder = StackReminder.line(environment: processEnvironment) { print(reminder) }
        return code
    }

    /// The installation's `Themes/` folders: next to the binary, the package root above `.build`, beside the config.
    public static func installationThemeFolders(configPath: String) -> [String] {
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
