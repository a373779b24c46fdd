/// The whole configuration file, validated.
public struct TouchlineConfig: Sendable, Equatable {
    /// The file it was read from.
    public var path: String
    /// The environment used when none is named.
    public var defaultEnvironment: String
    /// Theme file name in Themes/ without `.toml`.
    public var theme: String
    /// Environments in file order.
    public var environments: [EnvironmentConfig]
    /// Key bindings: the defaults with `[keys]` laid over them.
    public var bindings: KeyBindings = .standard
    /// Latency pane thresholds from `[thresholds]`.
    public var thresholds = LatencyThresholds()
    /// Problems that do not stop loading (e.g. an unset password variable), one line each.
    public var warnings: [String]

    /// Creates a configuration.
    public init(path: String, defaultEnvironment: String, theme: String,
                environments: [EnvironmentConfig], warnings: [String]) {
        self.path = path
        self.defaultEnvironment = defaultEnvironment
        self.theme = theme
        self.environments = environments
        self.warnings = warnings
    }

    /// The environment called `name`, or the default one when `name` is nil.
    public func environment(named name: String?) -> EnvironmentConfig? {
        let wanted = name ?? defaultEnvironment
        return environments.first { $0.name == wanted }
    }
}
