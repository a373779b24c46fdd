/// How a listed file is named on screen and in the audit log: relative to the config file's folder when it is
/// under it (`.stack/api/current.env`), else its absolute path.
public enum ConfigFileNames {
    /// The shown name of `path` for `config`.
    public static func name(_ path: String, in config: ConfigFilesConfig) -> String {
        let base = config.workingDirectory.hasSuffix("/") ? config.workingDirectory : config.workingDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
