import FoundationEssentials
import TouchlineCore

/// Reads config.toml again for Ctrl-R: the dashboard event carrying the new config, or the one-line error.
enum ConfigReloadReader {
    /// `configReloaded` with the file's environments, keys and thresholds, or `configReloadFailed` with
    /// the loader's one line (`config.toml:12: environments.staging.probes[0].timeout: bad duration …`).
    static func read(_ path: String) -> DashboardEvent {
        do {
            return .configReloaded(ConfigReload.Loaded(try ConfigLoader.load(path: path)))
        } catch let error as ConfigError {
            return .configReloadFailed(error.description)
        } catch {
            return .configReloadFailed("\(path): \(error)")
        }
    }
}
