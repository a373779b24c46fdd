import Foundation
import Testing
@testable import TouchlineTestSupport

/// Issue 14 §3-4 in the real dashboard (tmux) against the stack's Prometheus and Alertmanager: the latency fault's
/// alert in the header and the Alerts view (`!`), silenced from the dashboard (`x`, a comment, Enter) until
/// Alertmanager lists it suppressed (audited with the silence id), its silence expired from the silences list
/// (`v`, `X`, `y`), a silence Alertmanager refuses (a bad matcher) kept in the dialog with the reason and audited
/// failed, then `fault clear` resolves it and Events says how long it fired.
extension RealStackSuite {
@Suite("Alerts dashboard end to end")
struct AlertsDashboardEndToEndTests {
    @Test("fire → view → silence → expire → clear, with Alertmanager checked at each step")
    func alertLifecycle() throws {
        let stack = try FaultSupport.stack()
        let support = AlertsStackSupport(stack: stack)
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        try (String(contentsOfFile: config, encoding: .utf8) + support.alertsTable).write(toFile: config, atomically: true, encoding: .utf8)
        defer {
            stack.run(["fault", "clear"])
            support.expireAllSilences()
        }
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let session = try TmuxSession(command: "\(binary) --config \(config); sleep 30", width: 120, height: 40, environment: stack.environment)
        #expect(stack.run(["fault", "api", "latency", "3s"]).0 == 0)
        let header = session.waitFor(seconds: 60) { ($0.split(separator: "\n").first.map { $0.contains("ALERTS") && $0.contains("critical") }) == true }
        #expect(header.matched, "no alert count in the header:\n\(header.screen)")
        let fired = session.waitFor(seconds: 5) { $0.contains("alert firing: ApiHighLatency [critical]") }
        #expect(fired.matched, "no firing event:\n\(fired.screen)")

        session.send("!")
        let view = session.waitFor(seconds: 5) { screen in
            screen.contains("Alerts · STAGING") && screen.split(separator: "\n").contains { $0.contains("ApiHighLatency") && $0.contains("firing") }
        }
        #expect(view.matched, "alert not in the view:\n\(view.screen)")

        session.send("x")
        let dialog = session.waitFor(seconds: 3) { $0.contains("Silence ApiHighLatency") && $0.contains(#"alertname="ApiHighLatency""#) }
        #expect(dialog.matched, "\(dialog.screen)")
        session.send("Enter")
        let needsComment = session.waitFor(seconds: 3) { $0.contains("a comment is required") }
        #expect(needsComment.matched, "\(needsComment.screen)")
        session.send("-l", "tmux e2e")
        session.send("Enter")
        let silenced = session.waitFor(seconds: 20) { screen in
            screen.split(separator: "\n").contains { $0.contains("ApiHighLatency") && $0.contains("silenced") }
        }
        #expect(silenced.matched, "not shown silenced:\n\(silenced.screen)")
        let states = support.alertmanagerStates("ApiHighLatency")
        #expect(!states.isEmpty && states.allSatisfy { $0.state == "suppressed" && !$0.silencedBy.isEmpty }, "\(states)")
        // Audited done with the silence id Alertmanager lists the alert silenced by.
        let audited = runner.auditRecords().filter { $0.action == "silence" }
        #expect(audited.map(\.phase) == [.start, .end], "\(audited)")
        let silenceID = audited.last?.details["silence_id"]?.string
        #expect(audited.last?.outcome == .ok && silenceID != nil && states.first?.silencedBy == silenceID.map { [$0] }, "\(audited) \(states)")

        session.send("v")
        let list = session.waitFor(seconds: 3) { $0.contains("Silences · STAGING") && $0.contains("tmux e2e") }
        #expect(list.matched, "\(list.screen)")
        session.send("X")
        let confirm = session.waitFor(seconds: 3) { $0.contains("Confirm expire-silence") }
        #expect(confirm.matched, "\(confirm.screen)")
        session.send("y")
        #expect(support.waitForAlertmanager("ApiHighLatency", seconds: 15) { $0.contains { $0.state == "active" && $0.silencedBy.isEmpty } },
                "the alert did not come back after the expiry")
        session.send("v")
        let back = session.waitFor(seconds: 10) { screen in
            screen.split(separator: "\n").contains { $0.contains("ApiHighLatency") && $0.contains("firing") }
        }
        #expect(back.matched, "\(back.screen)")

        // A silence Alertmanager refuses (a matcher matching the empty string): the dialog says why and stays;
        // audited failed, never done; Esc cancels it.
        session.send("x")
        #expect(session.waitFor(seconds: 3) { $0.contains("Silence ApiHighLatency") }.matched)
        session.send("-l", "refused e2e")
        session.send("Tab")
        session.send("-N", "120", "BSpace")
        #expect(session.waitFor(seconds: 3) { !$0.contains(#"alertname="ApiHighLatency", env"#) }.matched)
        session.send("-l", #"foo="""#)
        session.send("Enter")
        let refusal = session.waitFor(seconds: 10) { $0.contains("Alertmanager refused the silence") }
        #expect(refusal.matched, "\(refusal.screen)")
        #expect(refusal.screen.contains("Silence ApiHighLatency"), "the dialog closed:\n\(refusal.screen)")
        let refused = runner.auditRecords().filter { $0.action == "silence" }.last
        #expect(refused?.outcome == .failed && refused?.details["silence_id"] == nil, "\(String(describing: refused))")
        #expect(runner.auditRecords().filter { $0.action == "silence" && $0.outcome == .ok }.count == 1)
        session.send("Escape")
        #expect(session.waitFor(seconds: 3) { $0.contains("silence cancelled") }.matched)

        session.send("Escape")
        #expect(stack.run(["fault", "clear"]).0 == 0)
        let resolved = session.waitFor(seconds: 60) { screen in
            screen.contains("alert resolved after firing") // ApiHighLatency is the one alert this case fires
        }
        #expect(resolved.matched, "no resolved event with how long it fired:\n\(resolved.screen)")
        session.send("q")
    }
}
}
