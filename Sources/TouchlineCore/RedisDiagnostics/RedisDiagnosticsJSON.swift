import FoundationEssentials

/// The JSON of ``RedisDiagnostics`` (`touchline redis-info --json`, the incident snapshot's `redis_diagnostics`),
/// with Redis's own field names: `CLIENT LIST`'s `addr`, `idle`, `obl`, `omem`, `tot-mem`…, INFO keyspace's
/// `keys`, `expires`, `avg_ttl` (ms).
///
/// Each section is an object; a refused or failed command leaves `{"error": "…", "refused": true|false}` instead
/// of its figures.
public enum RedisDiagnosticsJSON {
    /// The whole document.
    public static func document(_ diagnostics: RedisDiagnostics) -> JSONValue {
        .object([
            "probe": .string(diagnostics.probe),
            "address": .string(diagnostics.address),
            "taken_at": .string(ActionJSON.format(diagnostics.takenAt)),
            "settings": .object(diagnostics.settings.mapValues { .string($0) }),
            "slowlog": section(diagnostics.slowlog) { entries in
                ["entries": .array(entries.map(entry)), "touchline_own_left_out": .integer(Int64(diagnostics.slowlogOwnLeftOut))]
            },
            "latency": section(diagnostics.latency) { events in ["events": .array(events.map(event))] },
            "clients": section(diagnostics.clients, clients),
            "memory_doctor": section(diagnostics.memoryDoctor) { ["text": .string($0)] },
            "latency_doctor": section(diagnostics.latencyDoctor) { ["text": .string($0)] },
            "keyspace": section(diagnostics.keyspace) { databases in ["databases": .array(databases.map(database))] },
        ])
    }

    /// A JSON error document for a server that could not be read at all: `{"probe", "address", "error"}`.
    public static func failure(probe: String, address: String, error: String) -> JSONValue {
        .object(["probe": .string(probe), "address": .string(address), "error": .string(error)])
    }

    private static func section<Value>(_ section: RedisDiagnosticSection<Value>,
                                       _ body: (Value) -> [String: JSONValue]) -> JSONValue {
        switch section {
        case .value(let value): return .object(body(value))
        case .refused(let line): return .object(["error": .string(line), "refused": .bool(true)])
        case .failed(let line): return .object(["error": .string(line), "refused": .bool(false)])
        }
    }

    private static func entry(_ entry: RedisSlowlogEntry) -> JSONValue {
        .object([
            "id": .integer(entry.id),
            "timestamp": .integer(entry.time),
            "time": .string(ActionJSON.format(Date(timeIntervalSince1970: Double(entry.time)))),
            "duration_us": .integer(entry.durationMicroseconds),
            "arguments": .array(entry.arguments.map { .string($0) }),
            "client_addr": .string(entry.clientAddress),
            "client_name": .string(entry.clientName),
        ])
    }

    private static func event(_ event: RedisLatencyEvent) -> JSONValue {
        .object([
            "event": .string(event.event),
            "timestamp": .integer(event.time),
            "time": .string(ActionJSON.format(Date(timeIntervalSince1970: Double(event.time)))),
            "latest_ms": .integer(event.latestMilliseconds),
            "max_ms": .integer(event.maxMilliseconds),
        ])
    }

    private static func clients(_ summary: RedisClientSummary) -> [String: JSONValue] {
        [
            "total": .integer(Int64(summary.total)),
            "by_name": .object(Dictionary(uniqueKeysWithValues: summary.byName.map { ($0.key, .integer(Int64($0.count))) })),
            "by_host": .object(Dictionary(uniqueKeysWithValues: summary.byHost.map { ($0.key, .integer(Int64($0.count))) })),
            "oldest_idle": .array(summary.oldestIdle.map(client)),
            "biggest_output": .array(summary.biggestOutput.map(client)),
            "blocked": .array(summary.blocked.map(client)),
            "list": .array(summary.clients.map(client)),
        ]
    }

    private static func client(_ client: RedisClient) -> JSONValue {
        .object([
            "id": .integer(client.id),
            "addr": .string(client.address),
            "name": .string(client.name),
            "age": .integer(client.age),
            "idle": .integer(client.idle),
            "flags": .string(client.flags),
            "db": .integer(Int64(client.database)),
            "cmd": .string(client.command),
            "user": .string(client.user),
            "obl": .integer(client.outputBufferLength),
            "oll": .integer(client.outputListLength),
            "omem": .integer(client.outputMemory),
            "tot-mem": .integer(client.totalMemory),
        ])
    }

    private static func database(_ database: RedisKeyspaceDatabase) -> JSONValue {
        .object([
            "db": .integer(Int64(database.index)),
            "keys": .integer(database.keys),
            "expires": .integer(database.expires),
            "avg_ttl": .integer(database.averageTTLMilliseconds),
        ])
    }
}
