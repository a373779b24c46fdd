/// One entry of `SLOWLOG GET`: `[id, unix time, duration µs, [arguments…], client addr, client name]`
/// (the last two since Redis 4.0).
///
/// Redis itself cuts what it logs: an argument longer than 128 bytes ends in `... (N more bytes)`, and
/// past 32 arguments the last one says `... (N more arguments)`.
public struct RedisSlowlogEntry: Sendable, Equatable {
    /// The entry's id (increasing; `SLOWLOG RESET` does not restart it).
    public var id: Int64
    /// When the command ran, in seconds since 1970 (UTC).
    public var time: Int64
    /// How long it ran inside the server, in microseconds (not counting I/O with the client).
    public var durationMicroseconds: Int64
    /// The command and its arguments as logged.
    public var arguments: [String]
    /// The client's `ip:port` (empty before Redis 4.0).
    public var clientAddress: String
    /// The client's name from `CLIENT SETNAME` (empty when it set none).
    public var clientName: String

    /// Creates an entry from its fields.
    public init(id: Int64, time: Int64, durationMicroseconds: Int64, arguments: [String], clientAddress: String = "",
                clientName: String = "") {
        self.id = id
        self.time = time
        self.durationMicroseconds = durationMicroseconds
        self.arguments = arguments
        self.clientAddress = clientAddress
        self.clientName = clientName
    }

    /// How many characters of one argument ``commandLine(argumentLimit:)`` keeps by default.
    public static let argumentLimit = 40

    /// The command as one line: arguments joined by spaces, each longer than `argumentLimit` characters cut
    /// with `…`, line breaks shown as `\n`.
    public func commandLine(argumentLimit: Int = argumentLimit) -> String {
        arguments.map { argument in
            let flat = argument.replacingNewlines()
            return flat.count > argumentLimit ? String(flat.prefix(max(1, argumentLimit - 1))) + "…" : flat
        }.joined(separator: " ")
    }

    /// `name addr`, `addr` or `name`, whichever the entry has.
    public var client: String {
        [clientName, clientAddress].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension String {
    /// The text with CR and LF shown as `\r` and `\n`, so it stays on one line.
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        var result = ""
        for character in self {
            switch character {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
