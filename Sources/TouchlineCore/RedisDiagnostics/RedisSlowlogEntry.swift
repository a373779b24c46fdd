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
    /// with `…`, line breaks shown as `\n` and other control characters as `\xNN`.
    public func commandLine(argumentLimit: Int = argumentLimit) -> String {
        arguments.map { argument in
            let flat = argument.escapingControls()
            return flat.count > argumentLimit ? String(flat.prefix(max(1, argumentLimit - 1))) + "…" : flat
        }.joined(separator: " ")
    }

    /// `name addr`, `addr` or `name`, whichever the entry has.
    public var client: String {
        [clientName, clientAddress].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension String {
    /// The text on one line and safe for a terminal: CR, LF and tab as `\r`, `\n`, `\t`, other control
    /// characters (a key holding an escape sequence) as `\xNN`.
    func escapingControls() -> String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0a: result += "\\n"
            case 0x0d: result += "\\r"
            case 0x09: result += "\\t"
            case 0..<0x20, 0x7f:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
