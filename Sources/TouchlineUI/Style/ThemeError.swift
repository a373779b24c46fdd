import TouchlineCore

/// A theme file that cannot be used: the same one-line `file:line: key: message` error as a bad config.
public typealias ThemeError = ConfigError
