/// A theme file that cannot be used, as one line naming the file, the line and the key.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The theme file (or the theme name when no file was found).
    public var file: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// The dotted key, e.g. `roles.ok.fg`.
    public var key: String?
    /// What is wrong, in words.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`, always on one line.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        text += message
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
