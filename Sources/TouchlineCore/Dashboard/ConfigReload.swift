/// Ctrl-R: config.toml applied in place. Probes are re-targeted (the runner restarts them from the new
/// config); a probe whose name is still configured keeps its history, shown status and episode; the shown
/// environment stays when it still exists. A file that does not load changes nothing (the loop reports
/// the one-line error as `configReloadFailed`).
///
/// Action tables (`backup`, `restart`, `rollback`, `rehearsal`) and the theme are read at start only.
public enum ConfigReload {
    /// What the dashboard takes from a reloaded config.
    public struct Loaded: Sendable, Equatable {
        public var environments: [EnvironmentConfig]
        public var defaultEnvironment: String
        public var bindings: KeyBindings
        public var thresholds: LatencyThresholds

        /// Creates the reloaded parts.
        public init(environments: [EnvironmentConfig], defaultEnvironment: String, bindings: KeyBindings,
                    thresholds: LatencyThresholds) {
            self.environments = environments
            self.defaultEnvironment = defaultEnvironment
            self.bindings = bindings
            self.thresholds = thresholds
        }

        /// The parts of `config`.
        public init(_ config: TouchlineConfig) {
            self.init(environments: config.environments, defaultEnvironment: config.defaultEnvironment,
                      bindings: config.bindings, thresholds: config.thresholds)
        }
    }

    /// Applies `loaded` to `state`; returns the effects (the probes restarted on the new targets).
    static func apply(_ loaded: Loaded, to state: inout DashboardState) -> [DashboardEffect] {
        guard !loaded.environments.isEmpty else { return [] }
        let shown = state.environment.name
        let index = loaded.environments.firstIndex { $0.name == shown }
            ?? loaded.environments.firstIndex { $0.name == loaded.defaultEnvironment } ?? 0
        let before = Set(state.probes.map(\.config.name))
        let kept = carry(state.probes, into: loaded.environments[index].probes)
        var away: [String: [ProbeState]] = [:]
        for environment in loaded.environments where environment.name != loaded.environments[index].name {
            if let states = environment.name == shown ? state.probes : state.away[environment.name] {
                away[environment.name] = carry(states, into: environment.probes)
            }
        }
        state.environments = loaded.environments
        state.environmentIndex = index
        state.probes = kept
        state.away = away
        if state.frozen != nil { state.frozen = kept }
        state.bindings = loaded.bindings
        state.thresholds = loaded.thresholds
        state.generation += 1
        state.selection = [:]
        let after = Set(kept.map(\.config.name))
        var message = "config reloaded: \(CountText.format(kept.count, "probe")) in \(state.environment.name)"
        let added = after.subtracting(before).sorted(), removed = before.subtracting(after).sorted()
        if !added.isEmpty { message += ", added \(added.joined(separator: ", "))" }
        if !removed.isEmpty { message += ", removed \(removed.joined(separator: ", "))" }
        if state.environment.name != shown { message += " (\(shown) is gone: showing \(state.environment.name))" }
        state.notice = message
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil, message: message), at: 0)
        return [.restartProbes]
    }

    /// New states for `configs`, each keeping the history of the state of the same name in `states`.
    static func carry(_ states: [ProbeState], into configs: [ProbeConfig]) -> [ProbeState] {
        configs.map { config in
            var fresh = ProbeState(config: config)
            if let old = states.first(where: { $0.config.name == config.name }) {
                fresh.window = old.window
                fresh.hysteresis = old.hysteresis
                fresh.episode = old.episode
            }
            return fresh
        }
    }
}
