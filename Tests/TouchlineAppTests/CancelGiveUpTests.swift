import Foundation
import Testing
import TouchlineCore
import TouchlineOps
import TouchlineTestSupport

/// The dashboard's signal path when the running action does not end within its grace after the cancel: the
/// audit still gets the action's end record (never a start record alone), saying what state was left.
@Suite("Dashboard loop: giving up on an action after a signal")
struct CancelGiveUpTests {
    typealias H = DashboardHarness

    @Test("SIGINT while an action ignores its cancel: exit 130 after the grace, the end record is cancelled and names the state left")
    func endRecordAfterGiveUp() throws {
        let harness = try H(lines: ["dumping"], stuck: true)
        let runner = harness.runner
        let run = harness.run([H.key("b"), H.waitFor("Confirm backup"), H.key("y"), H.waitFor("dumping"),
                               H.perform { harness.post(.terminate(signal: 2)) }])
        #expect(run.code == 130)
        #expect(runner.cancels.first == "interrupted by signal 2", "\(runner.cancels)")
        let log = AuditLog(stateDirectory: try #require(harness.environments.first?.stateDirectory))
        let records = log.recent()
        #expect(records.map(\.phase) == [.end, .start], "\(records)")
        let end = try #require(records.first)
        #expect(end.outcome == .cancelled && end.action == "backup")
        #expect(end.error == "gave up waiting 2 s after the cancel; fake: still waiting", "\(end.error ?? "")")
        #expect(end.details["state_left"]?.string == "fake: still waiting")
        let stateLog = (try? String(contentsOfFile: harness.folder + "/touchline.log", encoding: .utf8)) ?? ""
        #expect(stateLog.contains("audited as cancelled: backup: gave up waiting 2 s after the cancel"), "\(stateLog)")
    }

    @Test("a second SIGINT while a stuck compensation runs: the give-up comes 15 s after it, not at the compensation's deadline",
          .timeLimit(.minutes(1)))
    func secondSignalBringsTheGiveUpForward() throws {
        let harness = try H(lines: ["dumping"], compensating: "rolling back to 1.5.0", stuck: true, exitWait: 120)
        let started = Date()
        let run = harness.run([H.key("b"), H.waitFor("Confirm backup"), H.key("y"), H.waitFor("dumping"),
                               H.perform {
                                   let queue = harness.queue
                                   queue.post(.terminate(signal: 2))
                                   WorkerThread.start(name: "second-signal") {
                                       BlockingSleep.seconds(1)
                                       queue.post(.terminate(signal: 2))
                                   }
                               }])
        let waited = Date().timeIntervalSince(started)
        #expect(run.code == 130)
        #expect(waited >= 15 && waited < 40, "gave up after \(waited) s (the compensation's grace is 120 s)")
        let log = AuditLog(stateDirectory: try #require(harness.environments.first?.stateDirectory))
        let end = try #require(log.recent().first)
        #expect(end.outcome == .cancelled && end.error == "gave up waiting 15 s after the cancel; fake: still waiting", "\(end.error ?? "")")
    }
}
