/// One environment (staging, production, ...) and its probes.
public struct EnvironmentConfig: Sendable, Equatable {
    /// The key under `[environments]`.
    public var name: String
    /// What the header shows, e.g. `STAGING`.
    public var label: String
    /// Default seconds between polls for this environment's probes.
    public var interval: Double
    /// Protected environments need the environment's name typed to confirm an action.
    public var protected: Bool
    /// Absolute folder for the audit log, locks and logs.
    public var stateDirectory: String
    /// The probes, in file order.
    public var probes: [ProbeConfig]
    /// The raw `backup`, `restart` and `rollback` tables, given meaning by the actions.
    public var actionTables: [String: ConfigValue]
    /// The action tables above, parsed when the config was loaded (a bad one fails the load).
    public var actions = EnvironmentActions()
    /// Problems of this environment that do not stop loading (e.g. an unset password variable).
    public var warnings: [String] = []
    /// The same warnings by the probe they belong to (e.g. an unset `password_env`), so that a command
    /// warns only about the probes it connects to (``connectionWarnings(probes:)``).
    public var probeWarnings: [String: [String]] = [:]
    /// Where its operators share the action lock, the audit trail and the live feed; nil: local lock and
    /// JSONL only (`[environments.NAME.coordination]`).
    public var coordination: CoordinationConfig?
    /// `[environments.NAME.alerts]`: where its alerts and silences are read; nil when it has none.
    public var alerts: AlertsConfig?

    /// Creates an environment.
    public init(name: String, label: String, interval: Double, protected: Bool, stateDirectory: String,
                probes: [ProbeConfig], actionTables: [String: ConfigValue] = [:]) {
        self.name = name
        self.label = label
        self.interval = interval
        self.protected = protected
        self.stateDirectory = stateDirectory
        self.probes = probes
        self.actionTables = actionTables
    }

    /// The warnings that concern the probes named in `names`, in file order (empty for a command that
    /// connects to nothing, e.g. `touchline audit`).
    public func connectionWarnings(probes names: [String]) -> [String] {
        probes.filter { names.contains($0.name) }.flatMap { probeWarnings[$0.name] ?? [] }
    }

    /// The largest probe timeout, in seconds (0 when there are no probes).
    public var largestTimeout: Double { probes.map(\.timeout).max() ?? 0 }
}
