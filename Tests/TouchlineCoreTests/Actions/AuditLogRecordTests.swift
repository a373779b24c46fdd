import Foundation
import Testing
import TouchlineCore

@Suite("AuditLog records")
struct AuditLogRecordTests {
    @Test("a record is one JSON line with snake_case keys and ISO 8601 time, and decodes back")
    func roundTrip() throws {
        let record = AuditRecord(time: Date(timeIntervalSince1970: 1_740_795_247.25), phase: .end, id: "id-1", environment: "staging",
                                 action: "backup", commands: [["pg_dump", "--dbname=host=x"], ["gzip", "-c"]], user: "alice",
                                 host: "ops-1", pid: 42, outcome: .failed, exitStatus: 1, durationSeconds: 2.5,
                                 details: ["file": "/b/x.sql.gz"], error: "pg_dump exited with 1")
        let line = try record.jsonLine()
        #expect(!line.contains("\n"))
        #expect(line.contains("\"time\":\"2025-03-01T02:14:07.250Z\""))
        #expect(line.contains("\"duration_seconds\":2.5"))
        #expect(line.contains("\"exit_status\":1"))
        #expect(line.contains("\"outcome\":\"failed\""))
        #expect(AuditRecord.parseLines(line + "\n") == [record])
    }

    @Test("parsing skips blank and torn lines")
    func skipsBrokenLines() throws {
        let record = AuditRecord(time: Date(timeIntervalSince1970: 0), phase: .start, id: "a", environment: "e", action: "backup",
                                 commands: [], user: "u", host: "h", pid: 1)
        let line = try record.jsonLine()
        #expect(AuditRecord.parseLines("\(line)\n\n{\"time\":\"2025\n\(line)\n{\"tim").count == 2)
    }

    @Test("a lock note reads as who, where and since when")
    func lockNote() throws {
        let holder = LockHolder(action: "backup", environment: "staging", pid: 4242, user: "alice", host: "ops-1",
                                startedAt: Date(timeIntervalSince1970: 1_740_795_247))
        #expect(holder.description == "backup by alice@ops-1 (pid 4242) since 2025-03-01T02:14:07.000Z")
        let data = try ActionJSON.encoder().encode(holder)
        #expect(String(decoding: data, as: UTF8.self).contains("\"started_at\""))
        #expect(try ActionJSON.decoder().decode(LockHolder.self, from: data) == holder)
    }
}
