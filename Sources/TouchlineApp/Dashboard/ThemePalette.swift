import TouchlineUI

/// Loads themes by name for the dashboard, honouring monochrome mode (NO_COLOR, --no-color).
public struct ThemePalette {
    let loader: ThemeLoader
    let monochrome: Bool

    /// Creates a palette loading from `loader`; `monochrome` forces the monochrome theme.
    public init(loader: ThemeLoader, monochrome: Bool) {
        self.loader = loader
        self.monochrome = monochrome
    }

    /// The theme to fall back on when the named one cannot be loaded.
    var fallback: Theme { monochrome ? .monochrome : .standard }

    /// The theme called `name` (the monochrome theme whenever colour is off), or why it cannot be used.
    func theme(named name: String) -> Result<LoadedTheme, ThemeError> {
        if monochrome { return .success(LoadedTheme(theme: .monochrome)) }
        do {
            return .success(try loader.load(name))
        } catch {
            return .failure(error)
        }
    }
}
