@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing

/// The Logs view in the real dashboard (tmux) on the real stack's API: `l` on the api row streams
/// `scripts/stack logs --follow api`, a request made while it is open shows up, `/` finds it, and Esc
/// stops the stream's `tail -F`; so does a kill -9 of the dashboard.
extension RealStackSuite {
@Suite("Logs view end to end")
struct LogsViewEndToEndTests {
    static let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// Starts the dashboard in tmux on the shared stack with the api's logs wired to `scripts/stack logs --follow api`,
    /// opens the Logs view with `l` and waits for the stack's `tail -F` to run; returns its pids among the rest.
    private func openLogsView() throws -> (TestStack, TmuxSession, config: String, log: String, tails: [pid_t]) {
        let stack: TestStack
        switch TestStack.shared {
        case .success(let shared): stack = shared
        case .failure(let error): throw error
        }
        let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
        let config = try stack.writeConfig(extraProbes: """

            [environments.staging.logs.api]
            command = ["\(script)", "logs", "--follow", "api"]
            """)
        let session = try TmuxSession(command: "\(Self.binary) --config \(config); sleep 30", width: 120, height: 40,
                                      environment: stack.environment)
        let up = session.waitFor(seconds: 15) { $0.contains("api") && $0.contains("l logs") }
        #expect(up.matched, "the footer hints l logs on the api row: \(up.screen)")
        session.send("l")
        let open = session.waitFor(seconds: 5) { $0.contains("Logs · api") && $0.contains("● following") }
        #expect(open.matched, "\(open.screen)")
        let log = "\(stack.directory)/logs/api.log"
        var tails = Self.tails(of: log)
        let started = Date().addingTimeInterval(5)
        while tails.isEmpty && Date() < started {  // scripts/stack (bash) execs tail -F a moment after the view opens
            usleep(50_000)
            tails = Self.tails(of: log)
        }
        #expect(!tails.isEmpty, "the view runs the stack's tail -F")
        return (stack, session, config, log, tails)
    }

    @Test("l on api: a request made while the view is open appears, / finds it, Esc leaves no tail -F running")
    func requestAppearsInTheView() throws {
        let (stack, session, _, log, tails) = try openLogsView()
        let marker = UUID().uuidString.prefix(8).lowercased()
        _ = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "-m", "5", "http://127.0.0.1:\(stack.apiPort)/health?view=\(marker)"],
                              environment: stack.environment, timeout: 10)
        let seen = session.waitFor(seconds: 5) { $0.contains("GET /health?view=\(marker)") }
        #expect(seen.matched, "\(seen.screen)")
        session.send("/")
        for character in marker { session.send(String(character)) }
        session.send("Enter")
        let found = session.waitFor(seconds: 3) { $0.contains("›") && $0.contains("/\(marker)") }
        #expect(found.matched, "\(found.screen)")
        session.send("Escape")
        session.send("Escape")
        let closed = session.waitFor(seconds: 5) { !$0.contains("Logs · api") && $0.contains("Services") }
        #expect(closed.matched, "\(closed.screen)")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && !Self.tails(of: log).filter(tails.contains).isEmpty { usleep(50_000) }
        #expect(Self.tails(of: log).filter(tails.contains).isEmpty, "closing the view stopped its tail -F")
        session.send("q")
    }

    @Test("kill -9 of the dashboard with the Logs view open: the stream's tail -F is gone within 2 s (its guard ends the group)")
    func killedDashboardLeavesNoTail() throws {
        let (_, session, config, log, tails) = try openLogsView()
        let binary = Self.binary
        let dashboards = Self.processes { $0.first == binary && $0.contains(config) }.filter { pid in
            // The guard is a fork of touchline named touchline-guard (its argv rewritten too; checked by name all the same).
            FileManager.default.contents(atPath: "/proc/\(pid)/comm").map { String(decoding: $0, as: UTF8.self) } != "touchline-guard\n"
        }
        #expect(dashboards.count == 1)
        for pid in dashboards { kill(pid, SIGKILL) }
        let killed = Date()
        while Date().timeIntervalSince(killed) < 3 && !Self.tails(of: log).filter(tails.contains).isEmpty { usleep(50_000) }
        #expect(Self.tails(of: log).filter(tails.contains).isEmpty, "the tail -F outlived touchline")
        #expect(Date().timeIntervalSince(killed) < 2.5)
        withExtendedLifetime(session) {}  // the tmux server (and the shell it ran) stays until here
    }

    /// Pids of running processes whose argv passes `test`.
    static func processes(_ test: ([String]) -> Bool) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return test(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// Pids of `tail` processes following `path`.
    static func tails(of path: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return argv.first.map { $0.hasSuffix("tail") } == true && argv.contains(path)
        }
    }
}
}
