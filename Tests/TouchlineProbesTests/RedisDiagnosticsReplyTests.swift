import Testing
import TouchlineCore
@testable import TouchlineProbes

/// The replies of SLOWLOG GET and LATENCY LATEST as hiredis hands them over, and the refusal lines.
@Suite("Redis diagnostics replies")
struct RedisDiagnosticsReplyTests {
    @Test("SLOWLOG GET: Redis 4+ entries with addr and name, Redis 3 entries without, malformed ones skipped")
    func slowlog() {
        let reply = RedisReply.array([
            .array([.text("7"), .text("1750000000"), .text("15230"), .array([.text("KEYS"), .text("*")]), .text("10.0.0.8:40400"), .text("api")]),
            .array([.text("6"), .text("1749999000"), .text("10"), .array([.text("GET"), .text("k")])]),
            .array([.text("x")]),
        ])
        #expect(RedisDiagnosticsReader.slowlogEntries(reply) == [
            RedisSlowlogEntry(id: 7, time: 1_750_000_000, durationMicroseconds: 15230, arguments: ["KEYS", "*"], clientAddress: "10.0.0.8:40400", clientName: "api"),
            RedisSlowlogEntry(id: 6, time: 1_749_999_000, durationMicroseconds: 10, arguments: ["GET", "k"]),
        ])
    }

    @Test("LATENCY LATEST rows")
    func latency() {
        let reply = RedisReply.array([.array([.text("command"), .text("1750000000"), .text("152"), .text("311")])])
        #expect(RedisDiagnosticsReader.latencyEvents(reply) == [RedisLatencyEvent(event: "command", time: 1_750_000_000, latestMilliseconds: 152, maxMilliseconds: 311)])
    }

    @Test("refusals: NOPERM in words, an unknown (renamed) command said so, anything else as Redis gave it")
    func refusals() {
        #expect(RedisDiagnosticsReader.refusal(command: "SLOWLOG GET", reply: "NOPERM this user has no permissions to run the 'slowlog|get' command",
                                               username: "monitor")
                == "SLOWLOG GET refused for user monitor: no permission to run 'slowlog|get' (ACL; grant it with ACL SETUSER … +slowlog|get)")
        #expect(RedisDiagnosticsReader.refusal(command: "MEMORY DOCTOR", reply: "ERR unknown command 'MEMORY', with args beginning with: 'DOCTOR' ",
                                               username: nil)
                == "MEMORY DOCTOR refused: ERR unknown command 'MEMORY', with args beginning with: 'DOCTOR' (renamed or disabled with rename-command, or not in this Redis version)")
        #expect(RedisDiagnosticsReader.refusal(command: "INFO keyspace", reply: "LOADING Redis is loading the dataset in memory", username: nil)
                == "INFO keyspace refused: LOADING Redis is loading the dataset in memory")
    }
}
