import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps

/// A start record never stands alone: trails still open when touchline gives up on their action get an end
/// record saying what was left, and the action's own later end does not write a second one.
@Suite("OpenAuditTrails")
struct OpenAuditTrailsTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("open-trails-\(UUID().uuidString)").path
    private let bob = OperatorIdentity(user: "bob", host: "ops-2", pid: 77)

    @Test("giving up ends the open trail as cancelled with the noted state; the action's own end afterwards writes nothing")
    func abandonWritesOneEnd() throws {
        let log = AuditLog(stateDirectory: folder)
        let trail = try AuditTrail.begin(log, environment: "staging", action: "restore", target: "backup_x.sql.gz",
                                         commands: [["psql"]], identity: bob)
        trail.note(stateLeft: "the restore's transaction was waiting on a lock held by pid 4711; nothing was committed")
        let lines = OpenAuditTrails.abandonAll(waited: 15, logs: [log.path])
        #expect(lines == ["restore backup_x.sql.gz: gave up waiting 15 s after the cancel; the restore's transaction was "
                          + "waiting on a lock held by pid 4711; nothing was committed"])
        try trail.end(.failed, commands: [["psql"]], error: "late")
        let records = log.recent()
        #expect(records.map(\.phase) == [.end, .start], "one end record, the give-up's")
        #expect(records[0].id == trail.id && records[0].outcome == .cancelled)
        #expect(records[0].error == "gave up waiting 15 s after the cancel; the restore's transaction was waiting on a lock "
                + "held by pid 4711; nothing was committed")
        #expect(records[0].details["state_left"]?.string?.hasPrefix("the restore's transaction") == true)
        #expect(records[0].commands == [["psql"]])
    }

    @Test("an action that ended on its own is not touched by a later give-up; an unnoted one says its state is unknown")
    func endedTrailsStayEnded() throws {
        let log = AuditLog(stateDirectory: folder)
        let done = try AuditTrail.begin(log, environment: "staging", action: "backup", commands: [], identity: bob)
        try done.end(.ok, commands: [])
        let other = AuditLog(stateDirectory: folder + "-other")
        let elsewhere = try AuditTrail.begin(other, environment: "prod", action: "restart", target: "api", commands: [], identity: bob)
        _ = try AuditTrail.begin(log, environment: "staging", action: "rollback", target: "1.4.2", commands: [], identity: bob)
        let lines = OpenAuditTrails.abandonAll(waited: 15, logs: [log.path])
        #expect(lines == ["rollback 1.4.2: gave up waiting 15 s after the cancel; the state it left is unknown: check the environment"])
        #expect(log.recent().map(\.phase) == [.end, .start, .end, .start])
        #expect(other.recent().map(\.phase) == [.start], "another log's open trail is left to its own action")
        try elsewhere.end(.ok, commands: [])
        #expect(other.recent().map(\.phase) == [.end, .start])
    }
}
