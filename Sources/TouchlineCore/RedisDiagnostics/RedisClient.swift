/// One line of `CLIENT LIST`: `id=7 addr=127.0.0.1:52555 laddr=… fd=8 name=api age=855 idle=3 flags=N db=0 …
/// obl=0 oll=0 omem=0 tot-mem=22298 … cmd=get user=default …`, with the fields the diagnostics use.
public struct RedisClient: Sendable, Equatable {
    /// `id`: the client's unique id.
    public var id: Int64
    /// `addr`: the client's `ip:port` as the server sees it.
    public var address: String
    /// `name`: set with `CLIENT SETNAME` (empty: none).
    public var name: String
    /// `age`: seconds since it connected.
    public var age: Int64
    /// `idle`: seconds since its last command.
    public var idle: Int64
    /// `flags`: e.g. `N` (none), `b` (blocked), `M` (a master), `S` (a replica), `P` (pub/sub), `x` (in MULTI).
    public var flags: String
    /// `db`: the selected database.
    public var database: Int
    /// `cmd`: its last command (`client|list` style for subcommands).
    public var command: String
    /// `user`: its ACL user (empty before Redis 6).
    public var user: String
    /// `obl`: bytes in the fixed output buffer.
    public var outputBufferLength: Int64
    /// `oll`: replies queued in the output list.
    public var outputListLength: Int64
    /// `omem`: bytes used by the output list.
    public var outputMemory: Int64
    /// `tot-mem`: all the memory the client uses, in bytes.
    public var totalMemory: Int64

    /// Parses one `CLIENT LIST` line; nil when it has no `id` and `addr`.
    public init?(line: Substring) {
        var fields: [Substring: Substring] = [:]
        for pair in line.split(separator: " ") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            fields[pair[..<equals]] = pair[pair.index(after: equals)...]
        }
        guard let id = fields["id"].flatMap({ Int64($0) }), let address = fields["addr"] else { return nil }
        func number(_ key: Substring) -> Int64 { fields[key].flatMap { Int64($0) } ?? 0 }
        self.id = id
        self.address = String(address)
        name = fields["name"].map(String.init) ?? ""
        age = number("age")
        idle = number("idle")
        flags = fields["flags"].map(String.init) ?? ""
        database = Int(number("db"))
        command = fields["cmd"].map(String.init) ?? ""
        user = fields["user"].map(String.init) ?? ""
        outputBufferLength = number("obl")
        outputListLength = number("oll")
        outputMemory = number("omem")
        totalMemory = number("tot-mem")
    }

    /// Every client of a `CLIENT LIST` reply, in its order.
    public static func parse(list text: String) -> [RedisClient] {
        text.split(whereSeparator: \.isNewline).compactMap { RedisClient(line: $0) }
    }

    /// Whether it waits in a blocking command (`BLPOP`, `XREAD BLOCK`, `WAIT`…): flag `b`.
    public var blocked: Bool { flags.contains("b") }

    /// The host part of ``address`` (`[::1]:5000` → `::1`).
    public var host: String {
        guard let colon = address.lastIndex(of: ":") else { return address }
        let host = address[..<colon]
        return String(host.hasPrefix("[") && host.hasSuffix("]") ? host.dropFirst().dropLast() : host)
    }

    /// Bytes waiting in its output buffers: `obl` + `omem`.
    public var outputBytes: Int64 { outputBufferLength + outputMemory }

    /// Whether the connection is one of touchline's own (named `touchline…`).
    public var isTouchline: Bool { name.hasPrefix(RedisDiagnostics.touchlineNamePrefix) }
}
