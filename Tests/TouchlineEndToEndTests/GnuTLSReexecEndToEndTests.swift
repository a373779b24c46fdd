@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing

/// Issue 18: the dashboard executes itself once more with `GNUTLS_NO_IMPLICIT_INIT=1` (GnuTLS, loaded only for
/// librtmp and libldap, then skips its 0.7 MB initialisation), keeps its pid, and removes the variable before
/// anything else, so a child it starts (here a log command running `env`) never inherits it; a user's own
/// `GNUTLS_NO_IMPLICIT_INIT` is left alone.
extension RealStackSuite {
@Suite("Dashboard re-executed without GnuTLS's implicit init")
struct GnuTLSReexecEndToEndTests {
    private static let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// The dashboard's pid: the process whose command line is `binary --config config`.
    private static func dashboardPid(config: String) -> pid_t? {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.first { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return argv.first == binary && argv.contains(config)
        }
    }

    /// The environment the process was started (exec'd) with, from /proc/PID/environ.
    private static func startEnvironment(_ pid: pid_t) -> [String] {
        (FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Opens the dashboard with a log command `env` on the api row and returns the dashboard's start environment
    /// and the screen of the Logs view (the child's environment).
    private func run(userSetsTheSwitch: Bool) throws -> (dashboard: [String], child: String, pidStable: Bool) {
        let stack: TestStack
        switch TestStack.shared {
        case .success(let shared): stack = shared
        case .failure(let error): throw error
        }
        let config = try stack.writeConfig(extraProbes: """

            [environments.staging.logs.api]
            command = ["/bin/sh", "-c", "env | grep -E 'GNUTLS|TOUCHLINE_LAUNCHED' | sed 's/^/seen /'; echo env-done-$((6 * 7))"]
            """)
        let prefix = userSetsTheSwitch ? "env GNUTLS_NO_IMPLICIT_INIT=1 " : ""
        let session = try TmuxSession(command: "\(prefix)\(Self.binary) --config \(config); sleep 30", width: 200, height: 60,
                                      environment: stack.environment)
        let up = session.waitFor(seconds: 15) { $0.contains("api") && $0.contains("l logs") }
        #expect(up.matched, "\(up.screen)")
        let pid = try #require(Self.dashboardPid(config: config))
        let started = Self.startEnvironment(pid)
        session.send("l")
        // The output's last line, "env-done-42", differs from the command line shown in the view's header
        // (`$((6 * 7))`), so the wait ends only once the child's output is on screen.
        let open = session.waitFor(seconds: 5) { $0.contains("Logs · api") && $0.contains("env-done-42") }
        #expect(open.matched, "\(open.screen)")
        let stable = Self.dashboardPid(config: config) == pid
        let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(name == "touchline", "ps, top and pgrep -x see the process by its binary's name, not 'exe'")
        session.send("Escape")
        session.send("q")
        let end = Date().addingTimeInterval(5)
        while Self.dashboardPid(config: config) != nil && Date() < end { usleep(50_000) }
        return (started, open.screen, stable)
    }

    @Test("re-executed once (same pid, started with the variable); the log command's env has neither variable")
    func childInheritsNothing() throws {
        let seen = try run(userSetsTheSwitch: false)
        #expect(seen.dashboard.contains("GNUTLS_NO_IMPLICIT_INIT=1"), "the dashboard was re-executed with GnuTLS's switch")
        #expect(seen.dashboard.contains { $0.hasPrefix("TOUCHLINE_LAUNCHED_MONOTONIC_NS=") })
        #expect(seen.pidStable)
        #expect(!seen.child.contains("seen GNUTLS_NO_IMPLICIT_INIT"), "\(seen.child)")
        #expect(!seen.child.contains("seen TOUCHLINE_LAUNCHED_MONOTONIC_NS"), "\(seen.child)")
    }

    @Test("a user's own GNUTLS_NO_IMPLICIT_INIT: no re-exec, and the child keeps it")
    func usersVariableKept() throws {
        let seen = try run(userSetsTheSwitch: true)
        #expect(!seen.dashboard.contains { $0.hasPrefix("TOUCHLINE_LAUNCHED_MONOTONIC_NS=") }, "not re-executed")
        #expect(seen.child.contains("seen GNUTLS_NO_IMPLICIT_INIT=1"), "\(seen.child)")
    }
}
}
