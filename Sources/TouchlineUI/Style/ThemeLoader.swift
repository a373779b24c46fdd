import FoundationEssentials
import TouchlineCore

/// Finds theme files by name in an ordered list of folders, lists them, and loads them.
public struct ThemeLoader: Sendable {
    /// The names that always exist because they are compiled in.
    public static let builtInNames = ["default", "monochrome"]

    /// Folders searched, first match wins.
    public var directories: [String]

    /// Creates a loader searching `directories` in order.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// Creates a loader with the standard search order (see ``searchDirectories(themesDirectory:environment:installationDirectories:)``).
    public init(themesDirectory: String?, environment: [String: String], installationDirectories: [String]) {
        self.init(directories: Self.searchDirectories(themesDirectory: themesDirectory, environment: environment,
                                                      installationDirectories: installationDirectories))
    }

    /// The folders to search, in order: `--themes-dir`, `$XDG_CONFIG_HOME/touchline/themes`
    /// (or `$HOME/.config/touchline/themes`), then the installation's `Themes/` folders; duplicates removed.
    public static func searchDirectories(themesDirectory: String?, environment: [String: String],
                                         installationDirectories: [String]) -> [String] {
        var folders: [String] = []
        if let themesDirectory, !themesDirectory.isEmpty { folders.append(themesDirectory) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folders.append(joined(xdg, "touchline/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(joined(home, ".config/touchline/themes"))
        }
        folders.append(contentsOf: installationDirectories.filter { !$0.isEmpty })
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// Whether colour is switched off by the environment: `NO_COLOR` set to anything but the empty string.
    public static func colorDisabled(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    /// The file that `name` resolves to: the first `DIR/NAME.toml` for which `fileExists` is true.
    public func path(of name: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        guard Self.isValidName(name) else { return nil }
        return directories.lazy.map { Self.joined($0, "\(name).toml") }.first(where: fileExists)
    }

    /// Every theme name available, `default` first, then the others sorted: the built-ins plus every
    /// `*.toml` in the folders. This is the list the `t` key cycles through.
    public func availableThemes() -> [String] {
        let listings = directories.map { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
        return Self.themeNames(fileListings: listings)
    }

    /// Every theme name available in `directories` (see ``availableThemes()``).
    public static func availableThemes(in directories: [String]) -> [String] {
        ThemeLoader(directories: directories).availableThemes()
    }

    /// The theme names in folder listings (file names), `default` first, then sorted.
    public static func themeNames(fileListings: [[String]]) -> [String] {
        var names = Set(builtInNames)
        for listing in fileListings {
            for file in listing where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if isValidName(name) { names.insert(name) }
            }
        }
        return ["default"] + names.subtracting(["default"]).sorted()
    }

    /// Loads the theme `name`: its file over the built-in default, or the built-in theme when no file
    /// has that name and it is `default` or `monochrome`.
    public func load(_ name: String) throws(ThemeError) -> LoadedTheme {
        guard Self.isValidName(name) else {
            throw ThemeError(file: name, message: "not a theme name (use letters, digits, '-', '_' or '.')")
        }
        guard let path = path(of: name) else {
            if name == "default" { return LoadedTheme(theme: .standard) }
            if name == "monochrome" { return LoadedTheme(theme: .monochrome) }
            let places = directories.isEmpty ? "no theme folders" : directories.joined(separator: ", ")
            throw ThemeError(file: "\(name).toml",
                             message: "no theme named '\(name)' (looked in: \(places)); available: \(availableThemes().joined(separator: ", "))")
        }
        return try Self.load(path: path, name: name)
    }

    /// Reads and parses the theme file at `path`.
    public static func load(path: String, name: String) throws(ThemeError) -> LoadedTheme {
        let text = try ConfigLoader.documentText(path: path, noun: "theme file")
        return try ThemeParser.parse(text, file: path, name: name)
    }

    /// Whether `name` can name a theme file: no path separators, not hidden.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "."
        }
    }

    /// `folder/file`, without doubling a trailing slash.
    private static func joined(_ folder: String, _ file: String) -> String {
        folder.hasSuffix("/") ? folder + file : "\(folder)/\(file)"
    }
}
