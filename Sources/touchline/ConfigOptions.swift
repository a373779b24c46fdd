import ArgumentParser
import TouchlineApp
import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineProbes

/// The `--config` and `--env` options shared by every command, and loading what they name.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Path of config.toml (default: $TOUCHLINE_CONFIG, ./config.toml, $XDG_CONFIG_HOME/touchline/config.toml).")
    var config: String?

    @Option(name: .long, help: "Environment to use (default: default_environment of the config).")
    var env: String?

    /// Loads the config and picks the environment; prints one line and exits 3 on any problem. Warnings
    /// are printed for the probes `connectingTo` names (nil: every probe; empty: none, for a command that
    /// connects to nothing).
    func load(connectingTo probes: [String]? = nil) -> (TouchlineConfig, EnvironmentConfig) {
        do {
            let loaded = try ConfigLoader.load(explicit: config)
            guard let environment = loaded.environment(named: env) else {
                let names = loaded.environments.map(\.name).joined(separator: ", ")
                StandardError.write("\(loaded.path): --env: unknown environment '\(env ?? "")' (defined: \(names))")
                Glibc.exit(ExitStatus.usage)
            }
            let probeWarnings = probes.map { environment.connectionWarnings(probes: $0) } ?? environment.warnings
            for warning in loaded.warnings + probeWarnings { StandardError.write(warning) }
            for warning in PrometheusQueryCheck.warnings(environment, probes: probes, file: loaded.path,
                                                         processEnvironment: ProcessInfo.processInfo.environment) {
                StandardError.write(warning)
            }
            return (loaded, environment)
        } catch let error as ConfigError {
            StandardError.write(error.description)
            Glibc.exit(ExitStatus.usage)
        } catch {
            StandardError.write("\(config ?? "config.toml"): \(error)")
            Glibc.exit(ExitStatus.usage)
        }
    }
}
