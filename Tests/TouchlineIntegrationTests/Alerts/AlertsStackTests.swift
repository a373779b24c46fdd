import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// Issue 14 §4 and §6 headless, against the stack's real Prometheus and Alertmanager: the latency fault fires
/// ApiHighLatency (critical in the stack's rules) → `touchline alerts --json` exits 2 with it; the snapshot and the
/// rehearsal report keep it; `touchline silence`, while another action holds the environment's lock, makes
/// Alertmanager list it suppressed; `touchline expire-silence` brings it back; a silence Alertmanager refuses
/// is audited failed with its reason; Alertmanager stopped exits 2 with the reason and recovers; `fault clear`
/// resolves it.
extension RealStackSuite {
@Suite("Alerts against the real Alertmanager", .serialized)
struct AlertsStackTests {
    @Test("fire, gate, silence, expire, refuse, stop, clear")
    func lifecycle() throws {
        let stack = try FaultSupport.stack()
        let support = AlertsStackSupport(stack: stack)
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        try (String(contentsOfFile: config, encoding: .utf8) + support.alertsTable).write(toFile: config, atomically: true, encoding: .utf8)
        defer {
            stack.run(["fault", "clear"])
            support.expireAllSilences()
        }

        #expect(stack.run(["fault", "api", "latency", "3s"]).0 == 0)
        var fired: (code: Int32, stdout: String, stderr: String, seconds: Double) = (0, "", "", 0)
        let deadline = Date().addingTimeInterval(60)
        repeat {
            fired = runner.run(["alerts", "--json"], config: config, timeout: 20)
            if fired.stdout.contains("\"ApiHighLatency\"") { break }
            Thread.sleep(forTimeInterval: 1)
        } while Date() < deadline
        #expect(fired.code == 2, "\(fired.stdout) \(fired.stderr)")
        let report = try runner.json(fired.stdout)
        let alerts = try #require(report["alerts"] as? [[String: Any]])
        let latency = try #require(alerts.first { $0["name"] as? String == "ApiHighLatency" }, "\(fired.stdout)")
        #expect(latency["severity"] as? String == "critical")
        #expect(latency["counts"] as? Bool == true)
        #expect((latency["labels"] as? [String: String])?["env"] == "staging")
        #expect(report["status"] as? String == "critical")

        // The incident snapshot keeps it (§5).
        let snapshot = runner.run(["snapshot", "--json", "--output", runner.root + "/snapshots"], config: config, timeout: 30)
        #expect(snapshot.code == 0, "\(snapshot.stderr)")
        let markdownPath = try #require(try runner.json(snapshot.stdout)["markdown"] as? String)
        let markdown = try String(contentsOfFile: markdownPath, encoding: .utf8)
        #expect(markdown.contains("## Alerts firing") && markdown.contains("| critical | ApiHighLatency | firing"), "\(markdown)")
        #expect(markdown.contains("env=staging job=football-api service=api"))

        // Silence it headless while another action holds the environment's lock (silencing never takes it):
        // done only when Alertmanager lists it suppressed.
        let held = try ActionLock.acquire(stateDirectory: runner.stateDirectory, environment: "staging", action: "backup")
        defer { held.release() }
        let silenced = runner.run(["silence", "--matcher", "alertname=ApiHighLatency", "--matcher", "env=staging", "--for", "30m",
                                   "--comment", "integration test", "--yes", "--json"], config: config, timeout: 30)
        #expect(silenced.code == 0, "\(silenced.stdout) \(silenced.stderr)")
        let silence = try runner.json(silenced.stdout)
        let id = try #require(silence["silence_id"] as? String, "\(silenced.stdout)")
        #expect(silence["action"] as? String == "silence" && silence["ok"] as? Bool == true)
        let states = support.alertmanagerStates("ApiHighLatency")
        #expect(!states.isEmpty && states.allSatisfy { $0.state == "suppressed" && $0.silencedBy.contains(id) }, "\(states)")
        let muted = runner.run(["alerts", "--json"], config: config, timeout: 20)
        let mutedAlerts = try #require(try runner.json(muted.stdout)["alerts"] as? [[String: Any]])
        let mutedLatency = try #require(mutedAlerts.first { $0["name"] as? String == "ApiHighLatency" })
        #expect(mutedLatency["counts"] as? Bool == false && mutedLatency["silenced"] as? Bool == true, "\(muted.stdout)")
        let listed = runner.run(["silences"], config: config)
        #expect(listed.code == 0 && listed.stdout.contains(id) && listed.stdout.contains("integration test"), "\(listed.stdout)")
        let records = runner.auditRecords().filter { $0.action == "silence" }
        #expect(records.map(\.phase) == [.start, .end])
        #expect(records.last?.outcome == .ok && records.last?.details["silence_id"]?.string == id)

        held.release()   // the rehearsal takes the lock itself

        // The rehearsal report keeps the alert firing (silenced) and the silence active (§5): the api probe is down
        // under the 3 s latency (its timeout is 2 s), so the rehearsal stops at its preflight and writes its report.
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let rehearsalConfig = runner.root + "/rehearsal.toml"
        try (String(contentsOfFile: config, encoding: .utf8) + """

            [environments.staging.rehearsal]
            deploy_command = ["\(script)", "deploy", "{release}"]
            release = "9.9.1"
            probes = ["api"]
            """).write(toFile: rehearsalConfig, atomically: true, encoding: .utf8)
        let rehearsal = runner.run(["rehearse", "--report", runner.root + "/rehearsal"], config: rehearsalConfig, timeout: 60)
        #expect(rehearsal.code == 1, "\(rehearsal.stdout) \(rehearsal.stderr)")
        let rehearsalMarkdown = try String(contentsOfFile: runner.root + "/rehearsal.md", encoding: .utf8)
        #expect(rehearsalMarkdown.contains("## Alerts firing") && rehearsalMarkdown.contains("| critical | ApiHighLatency | silenced"),
                "\(rehearsalMarkdown)")
        #expect(rehearsalMarkdown.contains("## Silences active") && rehearsalMarkdown.contains(id) && rehearsalMarkdown.contains("integration test"))
        let rehearsalJSON = try runner.json(String(contentsOfFile: runner.root + "/rehearsal.json", encoding: .utf8))
        let kept = try #require(rehearsalJSON["alerts"] as? [String: Any], "\(rehearsalJSON.keys)")
        #expect((kept["silences"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true, "\(kept)")
        #expect((kept["firing"] as? [[String: Any]])?.contains { $0["name"] as? String == "ApiHighLatency" } == true, "\(kept)")

        // Expire it, again while another action holds the lock: Alertmanager lists the alert active again.
        let heldAgain = try ActionLock.acquire(stateDirectory: runner.stateDirectory, environment: "staging", action: "backup")
        defer { heldAgain.release() }
        let expired = runner.run(["expire-silence", id, "--yes"], config: config, timeout: 30)
        #expect(expired.code == 0, "\(expired.stdout) \(expired.stderr)")
        #expect(support.waitForAlertmanager("ApiHighLatency", seconds: 10) { $0.contains { $0.state == "active" && $0.silencedBy.isEmpty } })
        let expiry = runner.auditRecords().filter { $0.action == "expire-silence" }
        #expect(expiry.last?.outcome == .ok && expiry.last?.target == id)
        heldAgain.release()
        #expect(runner.run(["alerts"], config: config).code == 2)

        // A silence Alertmanager refuses: exit 1 with its reason; audited failed, never ok.
        let refused = runner.run(["silence", "--matcher", "foo=", "--comment", "bad", "--yes"], config: config, timeout: 30)
        #expect(refused.code == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("Alertmanager refused the silence") && refused.stderr.contains("HTTP 400"), "\(refused.stderr)")
        let last = try #require(runner.auditRecords().last)
        #expect(last.action == "silence" && last.outcome == .failed && last.details["silence_id"] == nil)

        // Usage and confirmation: no comment is exit 3; a protected environment without --confirm is refused (2).
        #expect(runner.run(["silence", "--matcher", "alertname=X", "--yes"], config: config).code == 3)
        let protectedConfig = try runner.writeConfig(protected: true)
        try (String(contentsOfFile: protectedConfig, encoding: .utf8) + support.alertsTable)
            .write(toFile: protectedConfig, atomically: true, encoding: .utf8)
        let unconfirmed = runner.run(["silence", "--matcher", "alertname=ApiHighLatency", "--comment", "x", "--yes"], config: protectedConfig)
        #expect(unconfirmed.code == 2 && unconfirmed.stderr.contains("pass --confirm staging"), "\(unconfirmed.stderr)")

        // Alertmanager stopped: exit 2 with the reason, within the timeout; back once it runs again.
        #expect(stack.run(["stop", "alertmanager"]).0 == 0)
        let blind = runner.run(["alerts"], config: config, timeout: 20)
        #expect(blind.code == 2 && blind.stderr.contains("cannot read alerts") && blind.stderr.contains("connection refused"), "\(blind.stderr)")
        #expect(blind.seconds < 5)
        #expect(stack.run(["start", "alertmanager"]).0 == 0)
        let again = Date().addingTimeInterval(30)
        var back = runner.run(["alerts"], config: config, timeout: 20)
        while back.code != 2 || !back.stdout.contains("ApiHighLatency"), Date() < again {
            Thread.sleep(forTimeInterval: 1)
            back = runner.run(["alerts"], config: config, timeout: 20)
        }
        #expect(back.stdout.contains("ApiHighLatency"), "\(back.stdout) \(back.stderr)")

        // fault clear resolves it.
        #expect(stack.run(["fault", "clear"]).0 == 0)
        #expect(support.waitForAlertmanager("ApiHighLatency", seconds: 60) { $0.isEmpty }, "ApiHighLatency still listed after fault clear")
        let clear = runner.run(["alerts", "--json"], config: config)
        #expect(!clear.stdout.contains("\"ApiHighLatency\""), "\(clear.stdout)")
    }

    @Test("Alertmanager not reached is no refusal: silence and expire-silence exit 1 'not created' / 'failed'; an id it does not know is refused (2)")
    func unreachableIsNotRefused() throws {
        let stack = try FaultSupport.stack()
        let support = AlertsStackSupport(stack: stack)
        let runner = HeadlessRunner(stack: stack)
        let config = try runner.writeConfig()
        try (String(contentsOfFile: config, encoding: .utf8) + support.alertsTable).write(toFile: config, atomically: true, encoding: .utf8)
        let unknownID = "4b7ad24e-88f8-44fd-8cdd-ac161c42921b"
        let unknown = runner.run(["expire-silence", unknownID, "--yes"], config: config, timeout: 20)
        #expect(unknown.code == 2 && unknown.stderr == "touchline expire-silence: refused: Alertmanager has no silence \(unknownID) "
                + "(HTTP 404; touchline silences lists them)\n", "\(unknown.stderr)")
        #expect(runner.auditRecords().last?.outcome == .refused)

        let port = TestStack.freePort()
        let dead = try runner.writeConfig()
        try (String(contentsOfFile: dead, encoding: .utf8)
            + support.alertsTable.replacingOccurrences(of: stack.alertmanagerURL, with: "http://127.0.0.1:\(port)"))
            .write(toFile: dead, atomically: true, encoding: .utf8)
        let silence = runner.run(["silence", "--matcher", "alertname=X", "--comment", "c", "--yes"], config: dead, timeout: 20)
        #expect(silence.code == 1, "\(silence.stderr)")
        let line = silence.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.hasPrefix("touchline silence: the silence was not created: POST http://127.0.0.1:\(port)/api/v2/silences: connection refused"),
                "\(silence.stderr)")
        #expect(!silence.stderr.contains("Alertmanager refused"), "\(silence.stderr)")
        #expect(runner.auditRecords().last?.outcome == .failed)
        let expire = runner.run(["expire-silence", unknownID, "--yes"], config: dead, timeout: 20)
        #expect(expire.code == 1, "\(expire.stderr)")
        #expect(expire.stderr.hasPrefix("touchline expire-silence: failed: cannot read silence \(unknownID): GET http://127.0.0.1:\(port)/"),
                "\(expire.stderr)")
        #expect(runner.auditRecords().last?.outcome == .failed)
    }

}
}
