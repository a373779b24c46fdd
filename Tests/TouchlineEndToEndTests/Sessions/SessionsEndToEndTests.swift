@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
import TouchlineOps

/// The Sessions view in the real dashboard (tmux) against the stack's PostgreSQL: a blocking chain shown in the
/// blocking mode, its head terminated from the view, the waiters proceeding, the audit record.
extension RealStackSuite {
@Suite("Sessions view end to end")
struct SessionsEndToEndTests {
    @Test("a → 3 → ↓ → X → y: the chain's head is terminated, ended after …, the waiters proceed, audited")
    func terminateFromTheView() throws {
        let stack: TestStack
        switch TestStack.shared {
        case .success(let shared): stack = shared
        case .failure(let error): throw error
        }
        let update = "UPDATE teams SET name = name WHERE id = 2"
        let holder = try ScriptedSession(stack, application: "e2e-holder", sql: update, hold: true)
        defer { holder.stop() }
        let head = try #require(holder.pid())
        #expect(holder.finished(within: 10))
        let waiter = try ScriptedSession(stack, application: "e2e-waiter", sql: update)
        defer { waiter.stop() }
        let blocked = try #require(waiter.pid())
        #expect(FaultSupport.waitUntil(seconds: 10) { stack.adminQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = \(blocked)") == "Lock" })

        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let session = try TmuxSession(command: "\(binary) --config \(config); sleep 30", width: 160, height: 45,
                                      environment: stack.environment)
        #expect(session.waitFor(seconds: 10) { $0.contains("Services") }.matched)
        session.send("a")
        let opened = session.waitFor(seconds: 8) { $0.contains("Sessions · postgres") && $0.contains("e2e-waiter") }
        #expect(opened.matched, "\(opened.screen)")
        #expect(!opened.screen.contains("touchline-sessions"), "touchline's own connections are left out")
        session.send("3")
        let chain = session.waitFor(seconds: 5) { $0.contains("[3 blocking 1]") && $0.contains("└\(blocked)") }
        #expect(chain.matched, "\(chain.screen)")
        #expect(chain.screen.contains("\(head) "), "\(chain.screen)")
        session.send("Down")
        #expect(session.waitFor(seconds: 3) { $0.contains("❄ frozen") }.matched)
        session.send("X")
        let dialog = session.waitFor(seconds: 3) { $0.contains("Confirm terminate the session pid \(head)") }
        #expect(dialog.matched, "\(dialog.screen)")
        #expect(dialog.screen.contains("application e2e-holder") && dialog.screen.contains("[ Cancel ]"), "\(dialog.screen)")
        session.send("y")
        let ended = session.waitFor(seconds: 8) { $0.contains("terminate-session \(head): session ended after") }
        #expect(ended.matched, "\(ended.screen)")
        #expect(waiter.finished(within: 10) && waiter.output.contains("done"), "\(waiter.output)")
        #expect(stack.adminQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = \(head)") == "0")
        let after = session.waitFor(seconds: 5) { $0.contains("no session blocks another") }
        #expect(after.matched, "\(after.screen)")
        session.send("Escape")
        session.send("q")
        let records = runner.auditRecords().filter { $0.action == "terminate-session" }
        #expect(records.map(\.phase) == [.start, .end])
        #expect(records.last?.outcome == .ok && records.last?.details["application_name"]?.string == "e2e-holder")
    }
}
}
