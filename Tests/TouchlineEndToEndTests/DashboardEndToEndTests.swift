import Foundation
import Testing
@testable import TouchlineTestSupport

/// The real dashboard in tmux against the real stack: values, outages, resize and a clean exit.
extension RealStackSuite {
@Suite("Dashboard end to end")
struct DashboardEndToEndTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    private func launch(_ stack: TestStack, width: Int = 120, height: Int = 40, extra: String = "",
                        extraTables: String = "") throws -> (TmuxSession, String) {
        let config = try stack.writeConfig(extraProbes: extraTables)
        let marker = "\(stack.directory)/dash-\(UUID().uuidString.prefix(6))"
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let command = "stty -g > \(marker).before; \(binary) --config \(config) \(extra); echo $? > \(marker).code; "
            + "stty -g > \(marker).after; sleep 60"
        let session = try TmuxSession(command: command, width: width, height: height, environment: stack.environment)
        return (session, marker)
    }

    private func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    @Test("live values in every pane; Redis down within two intervals and its recovery in Events; resize; q restores the terminal")
    func fullSession() throws {
        let stack = try stack()
        let (session, marker) = try launch(stack)
        let first = session.waitFor(seconds: 5) { $0.contains("conns") && $0.contains("1.5.0") && $0.contains("redis") }
        #expect(first.matched, "dashboard never showed live values:\n\(first.screen)")
        #expect(first.screen.contains("STAGING"))
        #expect(first.screen.contains("Services"))
        #expect(first.screen.contains("Database"))
        #expect(first.screen.contains("Redis"))
        #expect(first.screen.contains("API latency"))
        #expect(first.screen.contains("Events"))

        #expect(stack.run(["stop", "redis"]).0 == 0)
        let down = session.waitFor(seconds: 2.5) { screen in
            screen.split(separator: "\n").contains { $0.contains("redis") && $0.contains("down") }
                && screen.contains("redis down")
        }
        #expect(down.matched, "redis not shown down within two intervals:\n\(down.screen)")
        #expect(stack.run(["start", "redis"]).0 == 0)
        let back = session.waitFor(seconds: 4) { $0.contains("redis up again after") }
        #expect(back.matched, "recovery not logged:\n\(back.screen)")

        session.resize(width: 60, height: 15)
        let small = session.waitFor(seconds: 3) { $0.contains("terminal too small: need 80x24, have 60x15") }
        #expect(small.matched, "\(small.screen)")
        session.resize(width: 120, height: 40)
        let restored = session.waitFor(seconds: 3) { $0.contains("Services") && $0.contains("Events") }
        #expect(restored.matched, "\(restored.screen)")

        session.send("q")
        let exited = session.waitFor(seconds: 5) { _ in !read("\(marker).after").isEmpty }
        #expect(exited.matched)
        #expect(read("\(marker).code") == "0")
        #expect(read("\(marker).before") == read("\(marker).after"), "terminal mode not restored")
    }

    @Test("SIGTERM leaves cleanly with the terminal restored")
    func sigterm() throws {
        let stack = try stack()
        let (session, marker) = try launch(stack, width: 80, height: 24)
        #expect(session.waitFor(seconds: 5) { $0.contains("Services") }.matched)
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let pids = ProcessRunner.run("/usr/bin/pgrep", ["-f", "^\(binary) --config \(stack.directory)"],
                                     environment: ProcessInfo.processInfo.environment, timeout: 5).1
        let targets = pids.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 1 }
        #expect(targets.count == 1, "pgrep found \(pids)")
        for pid in targets { kill(pid, SIGTERM) }
        let exited = session.waitFor(seconds: 5) { _ in !read("\(marker).after").isEmpty }
        #expect(exited.matched)
        #expect(read("\(marker).code") == "143", "log:\n\(read("\(stack.directory)/touchline-state/touchline.log").suffix(600))")
        #expect(read("\(marker).before") == read("\(marker).after"), "terminal mode not restored")
    }

    @Test("b opens the confirmation dialog (Cancel focused, the exact command); Esc cancels, y backs up")
    func backupFromTheDashboard() throws {
        let stack = try stack()
        let (session, _) = try launch(stack)
        #expect(session.waitFor(seconds: 5) { $0.contains("conns") }.matched)
        session.send("b")
        let dialog = session.waitFor(seconds: 2) { $0.contains("Confirm backup") }
        #expect(dialog.matched, "\(dialog.screen)")
        #expect(dialog.screen.contains("pg_dump"))
        #expect(dialog.screen.contains("[ Cancel ]"))
        session.send("Escape")
        #expect(session.waitFor(seconds: 2) { $0.contains("backup cancelled") }.matched)
        session.send("b")
        #expect(session.waitFor(seconds: 2) { $0.contains("Confirm backup") }.matched)
        session.send("y")
        let done = session.waitFor(seconds: 20) { $0.contains("backup done") }
        #expect(done.matched, "\(done.screen)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(stack.directory)/dashboard-backups")) ?? []
        #expect(files.contains { $0.hasSuffix(".sql.gz") }, "\(files)")
        let audit = read("\(stack.directory)/touchline-state/audit.jsonl")
        #expect(audit.contains("\"cancelled\""))
        #expect(audit.contains("\"ok\""))
        session.send("q")
    }

    @Test("s on the api row restarts it behind a dialog and reports the measured time to healthy")
    func restartFromTheDashboard() throws {
        let stack = try stack()
        let (session, _) = try launch(stack)
        #expect(session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        session.send("s")
        let dialog = session.waitFor(seconds: 2) { $0.contains("Confirm restart api") }
        #expect(dialog.matched, "\(dialog.screen)")
        #expect(dialog.screen.contains("restart api"))
        session.send("y")
        let done = session.waitFor(seconds: 30) { $0.contains("restart api done: api healthy") }
        #expect(done.matched, "\(done.screen)")
        let audit = read("\(stack.directory)/touchline-state/audit.jsonl")
        #expect(audit.contains("time_to_healthy_seconds"))
        session.send("q")
    }

    @Test("a running restart streams into the Output pane; c and y stop its process group; audited as cancelled with a digest")
    func cancelFromTheDashboard() throws {
        let stack = try stack()
        let marker = "61.\(Int.random(in: 100...999))"
        let slow = """
            [environments.staging.restart.redis]
            command = ["sh", "-c", "echo stopping redis gently; sleep \(marker); echo never printed | tr a-z A-Z"]
            timeout = "2m"
            """
        let (session, _) = try launch(stack, extraTables: slow)
        #expect(session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        session.send("j")
        session.send("j")
        session.send("s")
        let dialog = session.waitFor(seconds: 2) { $0.contains("Confirm restart redis") }
        #expect(dialog.matched, "\(dialog.screen)")
        session.send("y")
        let streaming = session.waitFor(seconds: 5) { $0.contains("stopping redis gently") && $0.contains("Output") }
        #expect(streaming.matched, "\(streaming.screen)")
        #expect(streaming.screen.contains("$ sh -c"), "the output opens with the command line")
        // sh prints its line before it forks sleep: wait (up to 2 s) for the sleep to exist.
        let sleeping = Date().addingTimeInterval(2)
        var found = false
        while !found && Date() < sleeping {
            found = ProcessRunner.run("/usr/bin/pgrep", ["-f", "sleep \(marker)"], environment: [:], timeout: 5).0 == 0
            if !found { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(found, "the restart's sleep runs")
        session.send("c")
        let ask = session.waitFor(seconds: 2) { $0.contains("Confirm cancel") }
        #expect(ask.matched, "\(ask.screen)")
        session.send("y")
        let stopped = session.waitFor(seconds: 5) { $0.contains("restart redis cancelled by the operator") }
        #expect(stopped.matched, "\(stopped.screen)")
        #expect(stopped.screen.contains("✖ cancelled"), "a cancel is not called a failure")
        // The Output pane wraps the whole command line (which holds `never printed`); what it would print is upper case.
        #expect(!stopped.screen.contains("NEVER PRINTED"))
        #expect(ProcessRunner.run("/usr/bin/pgrep", ["-f", "sleep \(marker)"], environment: [:], timeout: 5).0 == 1,
                "no child process is left behind")
        let records = read("\(stack.directory)/touchline-state/audit.jsonl").split(separator: "\n")
        let end = records.last { $0.contains("\"restart\"") && $0.contains("\"redis\"") && $0.contains("\"end\"") } ?? ""
        #expect(end.contains("\"outcome\":\"cancelled\""), "\(end)")
        #expect(end.contains("\"sha256\""), "the end record holds a digest of the output: \(end)")
        #expect(end.contains("stopping redis gently"))
        session.send("o")
        #expect(session.waitFor(seconds: 2) { $0.contains("API latency") && !$0.contains("Output ·") }.matched)
        session.send("q")
    }

    @Test("D rehearses from the dashboard: typed name, the steps pane fills in live, the report is written, the release is back")
    func rehearseFromTheDashboard() throws {
        let stack = try stack()
        defer { stack.run(["rollback", "1.5.0"]) }
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let rehearsal = """
            [environments.staging.rehearsal]
            deploy_command = ["\(script)", "deploy", "{release}"]
            release = "9.8.\(Int.random(in: 1...999))"
            wait_healthy = "30s"
            probes = ["api", "postgres", "redis"]

            [environments.staging.rehearsal.load]
            concurrency = 2
            duration = "2s"
            """
        let (session, _) = try launch(stack, extraTables: rehearsal)
        #expect(session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        session.send("D")
        let dialog = session.waitFor(seconds: 2) { $0.contains("Confirm rehearsal") }
        #expect(dialog.matched, "\(dialog.screen)")
        session.send("y")
        #expect(session.waitFor(seconds: 1) { $0.contains("Confirm rehearsal") }.matched, "y alone must not start a rehearsal")
        session.send("BSpace")
        session.send("staging")
        session.send("Enter")
        let live = session.waitFor(seconds: 20) { $0.contains("✔ 1 Preflight") && $0.contains("3 Deploy") }
        #expect(live.matched, "\(live.screen)")
        let done = session.waitFor(seconds: 120) { $0.contains("rehearsal done") || $0.contains("rehearsal failed") }
        #expect(done.matched, "\(done.screen)")
        #expect(done.screen.contains("rehearsal done"), "\(done.screen)")
        // When the action ends the keyboard goes back to the pane it started from (Services); `o` hides the
        // Output pane and `o` again shows it with the keyboard, so Enter zooms it whatever the timing was.
        session.send("o")
        #expect(session.waitFor(seconds: 2) { !$0.contains("Output · rehearsal") }.matched)
        session.send("o")
        #expect(session.waitFor(seconds: 2) { $0.contains("Output · rehearsal") }.matched)
        session.send("Enter")
        let zoomed = session.waitFor(seconds: 2) { $0.contains("✔ 9 Post-rollback verification") }
        #expect(zoomed.matched, "\(zoomed.screen)")
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: "\(stack.directory)/touchline-state/rehearsals")) ?? []
        #expect(reports.contains { $0.hasSuffix(".md") } && reports.contains { $0.hasSuffix(".json") }, "\(reports)")
        let version = ProcessRunner.run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(stack.apiPort)/health"],
                                        environment: stack.environment, timeout: 5).1
        #expect(version.contains("\"version\":\"1.5.0\""), "\(version)")
        session.send("q")
    }

    @Test("u: the release picker marks 1.5.0 running and preselects 1.4.2; the typed name rolls back, proven by the version")
    func rollbackFromTheDashboard() throws {
        let stack = try stack()
        defer { stack.run(["rollback", "1.5.0"]) }
        let (session, _) = try launch(stack)
        #expect(session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        session.send("u")
        let picker = session.waitFor(seconds: 5) { $0.contains("Roll back STAGING") }
        #expect(picker.matched, "\(picker.screen)")
        #expect(picker.screen.contains("1.5.0     ● running"))
        session.send("Enter")
        let dialog = session.waitFor(seconds: 2) { $0.contains("Confirm rollback 1.4.2") }
        #expect(dialog.matched, "\(dialog.screen)")
        session.send("y")
        #expect(session.waitFor(seconds: 1) { $0.contains("Confirm rollback 1.4.2") }.matched, "y alone must not confirm a rollback")
        session.send("BSpace")
        session.send("staging")
        session.send("Enter")
        let done = session.waitFor(seconds: 40) { $0.contains("rollback to 1.4.2 done") }
        #expect(done.matched, "\(done.screen)")
        let version = ProcessRunner.run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(stack.apiPort)/health"],
                                        environment: stack.environment, timeout: 5).1
        #expect(version.contains("\"version\":\"1.4.2\""), "\(version)")
        let audit = read("\(stack.directory)/touchline-state/audit.jsonl")
        #expect(audit.contains("downtime_seconds"))
        session.send("q")
    }

    @Test("help overlay lists every binding; p pauses; e opens the environment picker")
    func keys() throws {
        let stack = try stack()
        let (session, _) = try launch(stack)
        #expect(session.waitFor(seconds: 5) { $0.contains("Services") }.matched)
        session.send("?")
        let help = session.waitFor(seconds: 2) { $0.contains("cycle themes") }
        #expect(help.matched, "\(help.screen)")
        for phrase in ["quit", "focus the next pane", "zoom", "poll every probe now", "pause", "filter the services list"] {
            #expect(help.screen.contains(phrase), "help lacks \(phrase)")
        }
        session.send("Escape")
        session.send("p")
        #expect(session.waitFor(seconds: 2) { $0.contains("PAUSED") }.matched)
        session.send("p")
        #expect(session.waitFor(seconds: 2) { !$0.contains("PAUSED") }.matched)
        session.send("q")
    }
}
}
