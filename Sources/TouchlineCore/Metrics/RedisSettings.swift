/// Redis configuration values that `INFO` does not print, read with `CONFIG GET` only when a rule needs them.
///
/// Each is nil when it was not asked for or could not be read (CONFIG renamed away, refused by an ACL):
/// the rules then say what they could not confirm instead of guessing.
public struct RedisSettings: Sendable, Equatable {
    /// `maxmemory` in bytes (0 = no limit), for a Redis whose INFO lacks the field (before 3.2).
    public var maxmemory: Int64?
    /// `maxmemory-policy`, for the same servers.
    public var maxmemoryPolicy: String?
    /// `stop-writes-on-bgsave-error`: whether a failed background save makes Redis refuse writes.
    public var stopWritesOnBgsaveError: Bool?
    /// `save`: the save points, empty when RDB snapshots are off (then a failed save refuses nothing).
    public var savePoints: String?
    /// `min-replicas-to-write` (`min-slaves-to-write` before Redis 5): replicas in sync a write needs.
    public var minReplicasToWrite: Int64?
    /// `replica-serve-stale-data` (`slave-serve-stale-data` before Redis 5): whether a replica whose
    /// link is down still answers reads.
    public var replicaServeStaleData: Bool?
    /// `cluster-allow-reads-when-down`: whether a cluster node whose state is `fail` still serves reads.
    public var clusterAllowReadsWhenDown: Bool?

    /// No values known.
    public init() {}

    /// One value to read: its names, current first, the name older servers know second.
    public enum Parameter: String, Sendable, CaseIterable {
        case maxmemory
        case maxmemoryPolicy = "maxmemory-policy"
        case stopWritesOnBgsaveError = "stop-writes-on-bgsave-error"
        case save
        case minReplicasToWrite = "min-replicas-to-write"
        case replicaServeStaleData = "replica-serve-stale-data"
        case clusterAllowReadsWhenDown = "cluster-allow-reads-when-down"

        /// The names `CONFIG GET` is asked with, in order, until one answers.
        public var names: [String] {
            switch self {
            case .minReplicasToWrite: return [rawValue, "min-slaves-to-write"]
            case .replicaServeStaleData: return [rawValue, "slave-serve-stale-data"]
            default: return [rawValue]
            }
        }
    }

    /// Records the text `CONFIG GET` gave for `parameter`; a value that does not parse stays unknown.
    public mutating func set(_ parameter: Parameter, _ value: String) {
        switch parameter {
        case .maxmemory: maxmemory = Int64(value)
        case .maxmemoryPolicy: maxmemoryPolicy = value
        case .stopWritesOnBgsaveError: stopWritesOnBgsaveError = Self.flag(value)
        case .save: savePoints = value
        case .minReplicasToWrite: minReplicasToWrite = Int64(value)
        case .replicaServeStaleData: replicaServeStaleData = Self.flag(value)
        case .clusterAllowReadsWhenDown: clusterAllowReadsWhenDown = Self.flag(value)
        }
    }

    private static func flag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes": return true
        case "no": return false
        default: return nil
        }
    }
}
