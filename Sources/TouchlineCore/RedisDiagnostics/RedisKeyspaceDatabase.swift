/// One line of `INFO keyspace`: `db0:keys=1204,expires=180,avg_ttl=1523000` (Redis 7.2 adds `subexpiry`).
public struct RedisKeyspaceDatabase: Sendable, Equatable {
    /// The database number (`db0` → 0).
    public var index: Int
    /// `keys`: keys in the database.
    public var keys: Int64
    /// `expires`: keys with a time to live.
    public var expires: Int64
    /// `avg_ttl`: Redis's estimate of the average time to live of those keys, in milliseconds (0: none, or
    /// not sampled yet).
    public var averageTTLMilliseconds: Int64

    /// Creates a row from its fields.
    public init(index: Int, keys: Int64, expires: Int64, averageTTLMilliseconds: Int64) {
        self.index = index
        self.keys = keys
        self.expires = expires
        self.averageTTLMilliseconds = averageTTLMilliseconds
    }

    /// Every `dbN:` line of an `INFO keyspace` (or whole `INFO`) reply, by database number; other lines are
    /// skipped, as are fields that are not numbers.
    public static func parse(info text: String) -> [RedisKeyspaceDatabase] {
        RedisInfo(text: text).fields.compactMap { key, value -> RedisKeyspaceDatabase? in
            guard key.hasPrefix("db"), let index = Int(key.dropFirst(2)) else { return nil }
            var fields: [String: Int64] = [:]
            for pair in value.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, let number = Int64(parts[1]) { fields[String(parts[0])] = number }
            }
            guard let keys = fields["keys"] else { return nil }
            return RedisKeyspaceDatabase(index: index, keys: keys, expires: fields["expires"] ?? 0,
                                         averageTTLMilliseconds: fields["avg_ttl"] ?? 0)
        }.sorted { $0.index < $1.index }
    }
}
