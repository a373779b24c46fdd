import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("AuditLog")
struct AuditLogTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)").path
    private let alice = OperatorIdentity(user: "alice", host: "ops-1", pid: 4242)

    @Test("start and end records: one JSON line each, same id, outcome and duration on the end; only ever appended")
    func startAndEnd() throws {
        let log = AuditLog(stateDirectory: folder)
        let start = Date(timeIntervalSince1970: 1_740_795_247)
        let trail = try AuditTrail.begin(log, environment: "staging", action: "backup", commands: [["pg_dump", "--dbname=x"]],
                                         details: ["directory": "/b"], identity: alice, now: start)
        let afterStart = try Data(contentsOf: URL(fileURLWithPath: log.path))
        try trail.end(.ok, commands: [["pg_dump", "--dbname=x", "--snapshot=1"], ["gzip", "-c"]], exitStatus: 0,
                      details: ["sha256": "abc"], now: start.addingTimeInterval(2.5))
        try AuditTrail.notStarted(log, outcome: .refused, environment: "staging", action: "restore", commands: [],
                                  reason: "lock held", identity: alice, now: start.addingTimeInterval(3))
        let data = try Data(contentsOf: URL(fileURLWithPath: log.path))
        #expect(data.prefix(afterStart.count) == afterStart, "earlier bytes are never rewritten")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty, "three lines, each ended by a newline")
        let records = log.recent()
        #expect(records.map(\.phase) == [.end, .end, .start])
        #expect(records[1].id == records[2].id)
        #expect(records[0].id != records[1].id)
        #expect(records[1].outcome == .ok)
        #expect(records[1].durationSeconds == 2.5)
        #expect(records[1].commands.count == 2)
        #expect(records[1].details["sha256"] == "abc")
        #expect(records[2].outcome == nil && records[2].durationSeconds == nil)
        #expect(records[0].outcome == .refused && records[0].error == "lock held")
        #expect(records[2].user == "alice" && records[2].host == "ops-1" && records[2].pid == 4242)
        #expect(log.recent(limit: 1).count == 1)
        #expect(log.recent(environment: "production").isEmpty)
    }

    @Test("appends from many threads at once all arrive as whole lines")
    func concurrentAppends() async throws {
        let log = AuditLog(stateDirectory: folder)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<25 {
                        let record = AuditRecord(time: Date(), phase: .start, id: "\(writer)-\(index)", environment: "staging",
                                                 action: "backup", commands: [["x", String(repeating: "y", count: 300)]],
                                                 user: "u", host: "h", pid: 1)
                        try? log.append(record)
                    }
                }
            }
        }
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 200)
        #expect(Set(AuditRecord.parseLines(text).map(\.id)).count == 200)
    }

    @Test("a torn last line (a crash mid-write) does not hide the records before it")
    func tornLine() throws {
        let log = AuditLog(stateDirectory: folder)
        let record = AuditRecord(time: Date(), phase: .start, id: "a", environment: "staging", action: "backup", commands: [],
                                 user: "u", host: "h", pid: 1)
        try log.append(record)
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"time\":\"20".utf8))
        try handle.close()
        try log.append(record)
        #expect(log.recent().count == 2, "the next record starts on a line of its own")
    }
}
