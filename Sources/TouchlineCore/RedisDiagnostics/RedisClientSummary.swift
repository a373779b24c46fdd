/// `CLIENT LIST` summarised for the diagnostics view: how many clients by name and by address, the ones
/// idle longest, the biggest output buffers, and every blocked client.
public struct RedisClientSummary: Sendable, Equatable {
    /// A group of clients sharing a name (or a host) and how many there are.
    public struct Group: Sendable, Equatable {
        /// The name (empty: clients that set none) or the host.
        public var key: String
        public var count: Int

        /// Creates a group.
        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    /// Every client listed.
    public var clients: [RedisClient]
    /// How many rows the idle and output-buffer lists keep.
    public static let topCount = 5

    /// Creates the summary of `clients` (every line of one `CLIENT LIST`).
    public init(clients: [RedisClient]) {
        self.clients = clients
    }

    /// The number of clients listed (`CLIENT LIST` counts itself: the connection asking is one of them).
    public var total: Int { clients.count }

    /// Clients per name, most first (ties by name; the unnamed as the empty key).
    public var byName: [Group] { Self.groups(clients.map(\.name)) }

    /// Clients per host (the `addr` without its port), most first.
    public var byHost: [Group] { Self.groups(clients.map(\.host)) }

    /// The clients idle longest (`idle`, seconds), at most ``topCount``, longest first.
    public var oldestIdle: [RedisClient] {
        Array(clients.sorted { $0.idle != $1.idle ? $0.idle > $1.idle : $0.id < $1.id }.prefix(Self.topCount))
    }

    /// The clients with the most bytes waiting in their output buffers (`obl` + `omem`), at most
    /// ``topCount``, largest first; clients with nothing buffered are left out.
    public var biggestOutput: [RedisClient] {
        Array(clients.filter { $0.outputBytes > 0 || $0.outputListLength > 0 }
            .sorted { $0.outputBytes != $1.outputBytes ? $0.outputBytes > $1.outputBytes : $0.id < $1.id }
            .prefix(Self.topCount))
    }

    /// Every client blocked in a command (flag `b`), idle longest first.
    public var blocked: [RedisClient] {
        clients.filter(\.blocked).sorted { $0.idle != $1.idle ? $0.idle > $1.idle : $0.id < $1.id }
    }

    private static func groups(_ keys: [String]) -> [Group] {
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        return counts.map { Group(key: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }
}
