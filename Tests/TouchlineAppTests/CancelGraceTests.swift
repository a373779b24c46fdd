import Foundation
import Synchronization
import Testing
import TouchlineCore
import TouchlineOps
@testable import TouchlineApp

/// The headless commands' grace after a cancel: an action not ended in time is given up — its open trail
/// gets the end record and touchline exits 1 — while one that ends in time is left alone.
@Suite("CancelGrace")
struct CancelGraceTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grace-\(UUID().uuidString)").path

    @Test("not ended within the grace: the open trail is ended as cancelled with the noted state, then exit 1")
    func givesUp() throws {
        let log = AuditLog(stateDirectory: folder)
        let trail = try AuditTrail.begin(log, environment: "staging", action: "restore", target: "b.sql.gz", commands: [])
        trail.note(stateLeft: "the restore's transaction was waiting on a lock held by pid 4711; nothing was committed")
        let left = Mutex<Int32?>(nil)
        let grace = CancelGrace(seconds: 0.3, command: "restore", logs: [log.path]) { code in left.withLock { $0 = code } }
        grace.cancelled()
        grace.cancelled()
        let deadline = Date().addingTimeInterval(5)
        while left.withLock({ $0 }) == nil && Date() < deadline { usleep(20_000) }
        #expect(left.withLock { $0 } == 1)
        let records = log.recent()
        #expect(records.map(\.phase) == [.end, .start])
        #expect(records.first?.outcome == .cancelled)
        #expect(records.first?.error == "gave up waiting 0 s after the cancel; the restore's transaction was waiting on a lock held "
                + "by pid 4711; nothing was committed", "\(records.first?.error ?? "")")
        try trail.end(.failed, commands: [])
        #expect(log.recent().count == 2, "the action's own late end writes nothing")
    }

    @Test("ended within the grace: nothing is given up and touchline does not exit")
    func endedInTime() throws {
        let log = AuditLog(stateDirectory: folder)
        let trail = try AuditTrail.begin(log, environment: "staging", action: "backup", commands: [])
        let left = Mutex<Int32?>(nil)
        let grace = CancelGrace(seconds: 0.3, command: "backup", logs: [log.path]) { code in left.withLock { $0 = code } }
        grace.cancelled()
        try trail.end(.cancelled, commands: [], error: "interrupted by signal 2")
        grace.ended()
        usleep(600_000)
        #expect(left.withLock { $0 } == nil)
        #expect(log.recent().map(\.phase) == [.end, .start])
        #expect(log.recent().first?.error == "interrupted by signal 2")
    }
}

extension CancelGraceTests {
    @Test("a compensating action's grace: long after the first cancel, brought forward by the second (the rehearsal's)")
    func secondCancelBringsItForward() throws {
        let log = AuditLog(stateDirectory: folder)
        let trail = try AuditTrail.begin(log, environment: "staging", action: "rehearsal", commands: [])
        trail.note(stateLeft: "stopped at step 6 (Application rollback) after deploying 1.6.0")
        let left = Mutex<Int32?>(nil)
        let grace = CancelGrace(seconds: 60, afterSecond: 0.3, command: "rehearse", logs: [log.path]) { code in left.withLock { $0 = code } }
        grace.cancelled()
        usleep(500_000)
        #expect(left.withLock { $0 } == nil, "the compensation's grace is still running")
        let second = Date()
        grace.cancelled()
        while left.withLock({ $0 }) == nil && Date().timeIntervalSince(second) < 5 { usleep(20_000) }
        #expect(left.withLock { $0 } == 1)
        #expect(Date().timeIntervalSince(second) < 3)
        #expect(log.recent().first?.error == "gave up waiting 0 s after the cancel; stopped at step 6 (Application rollback) after deploying 1.6.0")
    }

    @Test("the rehearsal's grace covers its compensation: the rollback's and the configuration rollback's deadlines")
    func rehearsalGrace() throws {
        let text = """
            [environments.staging]
            state_dir = "\(folder)/state"
            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:1/health"
            version_field = "version"
            [environments.staging.rollback]
            probe = "api"
            list_command = ["true"]
            command = ["true", "{release}"]
            timeout = "40s"
            wait_healthy = "20s"
            [environments.staging.config_files]
            paths = ["a.env"]
            timeout = "30s"
            wait_healthy = "10s"
            """
        let environment = try ConfigLoader.parse(text, file: folder + "/t.toml", baseDirectory: folder, environment: [:]).environments[0]
        let rollback = try #require(environment.actions.rollback)
        #expect(RehearsalRunner.exitWaitSeconds(environment: environment, rollback: rollback) == 40 + 20 + 30 + 10 + 90)
        #expect(ConfigRestoreRunner(environment: environment, config: try #require(environment.actions.configFiles)).exitWaitSeconds == 15)
    }
}
