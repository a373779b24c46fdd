import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

extension RealStackSuite {
/// A cancel never cancels the recovery, in the real dashboard in tmux: `D`, and during the load test `c`,
/// `y` — the dialog says what the cancel does, the rollback then runs (shown as compensating) and the API
/// ends on the original release; and SIGHUP mid-rehearsal (an ssh connection dropping) gives the terminal
/// back, finishes the rollback headless, records it, then exits 129.
@Suite("Rehearsal: cancel and signal in the dashboard", .serialized)
struct RehearsalDashboardCancelTests {
    private struct Dashboard {
        let session: TmuxSession
        let root: String
        let config: String
        let release: String

        func read(_ suffix: String) -> String {
            (try? String(contentsOfFile: root + "/dash" + suffix, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }

        var log: String { (try? String(contentsOfFile: root + "/state/touchline.log", encoding: .utf8)) ?? "" }

        var audit: [AuditRecord] { AuditLog(stateDirectory: root + "/state").recent(limit: 200).reversed() }
    }

    /// The dashboard in tmux (200x50, so the dialog is 96 columns wide) with a rehearsal whose load test
    /// lasts a minute, a state folder of its own, and `stty -g` and the exit code recorded around it.
    private func launch(_ stack: TestStack, slowRollback: Bool = false) throws -> Dashboard {
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let root = "\(stack.directory)/dash-cancel-\(UUID().uuidString.prefix(6))"
        let release = "9.7.\(Int.random(in: 1...999))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let rollback = slowRollback
            ? "command = [\"sh\", \"-c\", \"echo rollback to $1 in 8 s; sleep 8; exec \(script) rollback $1\", \"sh\", \"{release}\"]"
            : "command = [\"\(script)\", \"rollback\", \"{release}\"]"
        let text = stack.configText()
            .replacingOccurrences(of: "command = [\"\(script)\", \"rollback\", \"{release}\"]", with: rollback)
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(root)/state\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(root)/backups\"")
            + """

            [environments.staging.rehearsal]
            deploy_command = ["\(script)", "deploy", "{release}"]
            release = "\(release)"
            wait_healthy = "30s"

            [environments.staging.rehearsal.load]
            concurrency = 2
            duration = "60s"
            """
        let config = root + "/config.toml"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let marker = root + "/dash"
        let command = "stty -g > \(marker).before; \(FaultSupport.binary) --config \(config); echo $? > \(marker).code; "
            + "stty -g > \(marker).after; sleep 120"
        let session = try TmuxSession(command: command, width: 200, height: 50, environment: stack.environment)
        return Dashboard(session: session, root: root, config: config, release: release)
    }

    /// `D`, the typed name, and waits until the load test runs on the deployed release.
    private func rehearseUntilLoad(_ dashboard: Dashboard, _ stack: TestStack) {
        #expect(dashboard.session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        dashboard.session.send("D")
        #expect(dashboard.session.waitFor(seconds: 2) { $0.contains("Confirm rehearsal") }.matched)
        dashboard.session.send("staging")
        dashboard.session.send("Enter")
        let load = dashboard.session.waitFor(seconds: 90) { $0.contains("Load test started") }
        #expect(load.matched, "\(load.screen)")
        #expect(healthVersion(stack) == dashboard.release)
    }

    /// The dialog's text as one line: the inside of every `║ … ║` row, trimmed and joined with spaces. The
    /// dialog wraps at a width that depends on its content (the random release number's digits), so a
    /// phrase may break across rows.
    private static func dialogText(_ screen: String) -> String {
        screen.split(separator: "\n").compactMap { row -> String? in
            let parts = row.split(separator: "║", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func healthVersion(_ stack: TestStack) -> String? {
        let body = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-m", "5", "http://127.0.0.1:\(stack.apiPort)/health"],
                                     environment: stack.environment, timeout: 10).1
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["version"] as? String
    }

    @Test("c, y during the load test: the dialog states the consequence; the rollback runs as compensation; the API is back on 1.5.0",
          .timeLimit(.minutes(3)))
    func cancelKeyRollsBack() throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack)
        defer {
            if healthVersion(stack) != "1.5.0" { stack.run(["rollback", "1.5.0"]) }
            dashboard.session.send("q")
        }
        rehearseUntilLoad(dashboard, stack)
        dashboard.session.send("c")
        // Wait for the whole dialog (down to its buttons), not only its title: tmux can capture a frame half painted.
        let dialog = dashboard.session.waitFor(seconds: 3) { $0.contains("Confirm cancel rehearsal") && $0.contains("Confirm (y)") }
        #expect(dialog.matched, "\(dialog.screen)")
        let cancelText = Self.dialogText(dialog.screen)
        #expect(cancelText.contains("rolled back to the release before it"), "\(dialog.screen)")
        #expect(cancelText.contains("only a second c can stop it"), "\(dialog.screen)")
        #expect(!cancelText.contains("nothing partial is kept"))
        dashboard.session.send("y")
        let finished = dashboard.session.waitFor(seconds: 90) { $0.contains("rehearsal failed") }
        #expect(finished.matched, "\(finished.screen)")
        #expect(finished.screen.contains("compensating: rolling back to 1.5.0"), "\(finished.screen)")
        #expect(finished.screen.contains("✔ 6 Application rollback"), "\(finished.screen)")
        #expect(finished.screen.contains("cancelled by the operator (c)") && !finished.screen.contains("cancelled: cancelled"), "\(finished.screen)")
        #expect(healthVersion(stack) == "1.5.0")
        let rollback = dashboard.audit.filter { $0.action == "rollback" && $0.target == "1.5.0" }
        #expect(rollback.first?.details["compensates"]?.string == "rehearsal deploy of \(dashboard.release)", "\(rollback)")
        #expect(rollback.last?.outcome == .ok)
        let end = dashboard.audit.last { $0.action == "rehearsal" && $0.phase == .end }
        #expect(end?.outcome == .cancelled && end?.details["state_left"]?.string == "staging back on 1.5.0 (automatic rollback)")
    }

    @Test("a second c while the rollback runs asks to stop the recovery naming the state; y stops it; Events and audit say staging was left",
          .timeLimit(.minutes(3)))
    func secondCancelStopsTheRecovery() throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack, slowRollback: true)
        defer {
            if healthVersion(stack) != "1.5.0" { stack.run(["rollback", "1.5.0"]) }
            dashboard.session.send("q")
        }
        rehearseUntilLoad(dashboard, stack)
        dashboard.session.send("c")
        #expect(dashboard.session.waitFor(seconds: 3) { $0.contains("Confirm cancel rehearsal") }.matched)
        dashboard.session.send("y")
        let compensating = dashboard.session.waitFor(seconds: 20) { $0.contains("rollback to 1.5.0 in 8 s") }
        #expect(compensating.matched, "\(compensating.screen)")
        dashboard.session.send("c")
        let dialog = dashboard.session.waitFor(seconds: 3) { $0.contains("Confirm stop rolling back to 1.5.0") && $0.contains("Confirm (y)") }
        #expect(dialog.matched, "\(dialog.screen)")
        #expect(Self.dialogText(dialog.screen).contains("stop the recovery (rolling back to 1.5.0)? staging will be left on \(dashboard.release)"),
                "\(dialog.screen)")
        dashboard.session.send("y")
        let finished = dashboard.session.waitFor(seconds: 30) { $0.contains("rehearsal failed") }
        #expect(finished.matched, "\(finished.screen)")
        let left = "staging left on \(dashboard.release): roll back with u"
        #expect(finished.screen.contains("compensation stopped: \(left)"), "\(finished.screen)")
        #expect(healthVersion(stack) == dashboard.release, "the rollback was not stopped")
        let end = dashboard.audit.last { $0.action == "rehearsal" && $0.phase == .end }
        #expect(end?.outcome == .cancelled && end?.details["state_left"]?.string?.hasPrefix(left) == true, "\(String(describing: end))")
        let rollbackEnd = dashboard.audit.last { $0.action == "rollback" && $0.phase == .end }
        #expect(rollbackEnd?.outcome == .cancelled && rollbackEnd?.details["left_on"]?.string == dashboard.release)
    }

    @Test("SIGHUP mid-rehearsal: the terminal is given back, the rollback finishes headless and is recorded, then exit 129",
          .timeLimit(.minutes(3)))
    func hangupFinishesTheRollback() throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack)
        defer { if healthVersion(stack) != "1.5.0" { stack.run(["rollback", "1.5.0"]) } }
        rehearseUntilLoad(dashboard, stack)
        let pids = FaultSupport.pids(commandPrefix: "\(FaultSupport.binary) --config \(dashboard.config)")
        let pid = try #require(pids.count == 1 ? pids.first : nil, "\(pids)")
        kill(pid, SIGHUP)
        #expect(FaultSupport.waitUntil(seconds: 90) { !dashboard.read(".after").isEmpty }, "log:\n\(dashboard.log.suffix(1500))")
        #expect(dashboard.read(".code") == "129")
        #expect(dashboard.read(".before") == dashboard.read(".after"), "the terminal mode was not restored")
        #expect(healthVersion(stack) == "1.5.0", "the rollback did not finish after the signal")
        #expect(dashboard.log.contains("rehearsal: compensating: rolling back to 1.5.0"), "\(dashboard.log.suffix(1500))")
        #expect(dashboard.log.contains("rehearsal ended on exit"), "\(dashboard.log.suffix(1500))")
        let rollback = dashboard.audit.filter { $0.action == "rollback" && $0.target == "1.5.0" }
        #expect(rollback.last?.phase == .end && rollback.last?.outcome == .ok, "\(rollback)")
        let end = dashboard.audit.last { $0.action == "rehearsal" && $0.phase == .end }
        #expect(end?.outcome == .cancelled)
        #expect(end?.error?.contains("interrupted by signal 1") == true)
    }
}
}
