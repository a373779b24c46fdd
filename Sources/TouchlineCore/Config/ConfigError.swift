/// A configuration problem (config.toml or a theme file), rendered as one line naming the file, the line and the key.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration file the problem is in.
    public var file: String
    /// The 1-based line of the problem, when it can be located.
    public var line: Int?
    /// The dotted key path, e.g. `environments.staging.probes[2].timeout`.
    public var key: String?
    /// What is wrong, in words.
    public var message: String

    /// Creates an error for `file`, optionally pointing at `line` and `key`.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// The one-line rendering: `file:line: key: message`, newlines in the message folded into spaces.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        text += message
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
