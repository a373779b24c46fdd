/// A theme read from a file, with the warnings to show about it.
public struct LoadedTheme: Sendable, Equatable {
    /// The resolved theme: the file's roles over the built-in default.
    public var theme: Theme
    /// One line per problem that did not stop loading (unknown roles or keys), naming file, line and key.
    public var warnings: [String]
    /// The file read, nil for a built-in theme.
    public var path: String?

    /// Creates a result.
    public init(theme: Theme, warnings: [String] = [], path: String? = nil) {
        self.theme = theme
        self.warnings = warnings
        self.path = path
    }
}
