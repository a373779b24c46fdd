import FoundationEssentials

/// What the Redis diagnostics read from one server at one moment (key `d`, `touchline redis-info`, the
/// incident snapshot): the slow log, the latency monitor, the clients, both doctors and the keyspace.
///
/// Every section holds its command's answer or the line saying why there is none (``RedisDiagnosticSection``),
/// so a server that refuses one command (an ACL without `+slowlog`, a `rename-command`) still shows the rest.
public struct RedisDiagnostics: Sendable, Equatable {
    /// The probe the server was read through.
    public var probe: String
    /// The server's `host:port`.
    public var address: String
    /// When the commands ran.
    public var takenAt: Date
    /// `SLOWLOG GET 128`, newest first, without touchline's own commands.
    public var slowlog: RedisDiagnosticSection<[RedisSlowlogEntry]>
    /// How many slow log entries were touchline's own (its connections are named `touchline…`) and left out.
    public var slowlogOwnLeftOut = 0
    /// `CONFIG GET` of `slowlog-log-slower-than` (µs), `slowlog-max-len` and `latency-monitor-threshold` (ms):
    /// what the slow log and the latency monitor record; absent when CONFIG is refused.
    public var settings: [String: String] = [:]
    /// `LATENCY LATEST`.
    public var latency: RedisDiagnosticSection<[RedisLatencyEvent]>
    /// `CLIENT LIST`.
    public var clients: RedisDiagnosticSection<RedisClientSummary>
    /// `MEMORY DOCTOR`: Redis's own words on its memory.
    public var memoryDoctor: RedisDiagnosticSection<String>
    /// `LATENCY DOCTOR`: Redis's own words on its latency spikes.
    public var latencyDoctor: RedisDiagnosticSection<String>
    /// `INFO keyspace`, one row per database with keys.
    public var keyspace: RedisDiagnosticSection<[RedisKeyspaceDatabase]>

    /// What every touchline connection's `CLIENT SETNAME` starts with.
    public static let touchlineNamePrefix = "touchline"
    /// How many slow log entries are asked for (`SLOWLOG GET 128`).
    public static let slowlogCount = 128
    /// The settings read with `CONFIG GET`, one at a time (Redis before 7 takes one pattern).
    public static let settingNames = ["slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold"]

    /// Creates a reading from its sections.
    public init(probe: String, address: String, takenAt: Date, slowlog: RedisDiagnosticSection<[RedisSlowlogEntry]>,
                latency: RedisDiagnosticSection<[RedisLatencyEvent]>, clients: RedisDiagnosticSection<RedisClientSummary>,
                memoryDoctor: RedisDiagnosticSection<String>, latencyDoctor: RedisDiagnosticSection<String>,
                keyspace: RedisDiagnosticSection<[RedisKeyspaceDatabase]>) {
        self.probe = probe
        self.address = address
        self.takenAt = takenAt
        self.slowlog = slowlog
        self.latency = latency
        self.clients = clients
        self.memoryDoctor = memoryDoctor
        self.latencyDoctor = latencyDoctor
        self.keyspace = keyspace
    }

    /// `entries` without touchline's own: those whose client is named `touchline…`, or whose client address is
    /// one of `ownAddresses` (the connection that read them, in case its `CLIENT SETNAME` was refused).
    /// Returns the kept entries and how many were left out.
    public static func withoutOwn(_ entries: [RedisSlowlogEntry], ownAddresses: Set<String>) -> (kept: [RedisSlowlogEntry], leftOut: Int) {
        let kept = entries.filter { !$0.clientName.hasPrefix(touchlineNamePrefix) && !ownAddresses.contains($0.clientAddress) }
        return (kept, entries.count - kept.count)
    }

    /// A setting read with `CONFIG GET`, as a number.
    public func setting(_ name: String) -> Int64? { settings[name].flatMap { Int64($0) } }
}
