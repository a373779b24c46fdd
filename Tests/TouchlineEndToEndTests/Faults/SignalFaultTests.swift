import Foundation
import Glibc
import Testing
@testable import TouchlineTestSupport

/// Signals and terminal abuse against the real dashboard in tmux: SIGINT and SIGHUP while idle, SIGTERM
/// with a dialog open and with an action running, and a storm of resizes. Each must leave the terminal
/// mode exactly as it was (`stty -g`), no child process behind, and exit 128 + the signal (0 for `q`).
extension RealStackSuite {
@Suite("Faults: signals and terminal", .serialized)
struct SignalFaultTests {
    /// A dashboard in tmux with markers for `stty -g` before and after and for the exit code.
    private struct Dashboard {
        let session: TmuxSession
        let marker: String
        let config: String

        func read(_ suffix: String) -> String {
            (try? String(contentsOfFile: marker + suffix, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }

        /// The touchline process of this session.
        func pid() -> pid_t? {
            let found = FaultSupport.pids(commandPrefix: "\(FaultSupport.binary) --config \(config)")
            return found.count == 1 ? found[0] : nil
        }

        /// Waits for the shell to record the exit; returns the exit code text.
        func waitForExit(seconds: Double = 6) -> String? {
            FaultSupport.waitUntil(seconds: seconds) { !read(".after").isEmpty } ? read(".code") : nil
        }

        var terminalRestored: Bool { !read(".before").isEmpty && read(".before") == read(".after") }

        /// The audit log of this dashboard's state folder.
        var audit: String {
            (try? String(contentsOfFile: config.replacingOccurrences(of: "/config.toml", with: "/state/audit.jsonl"),
                         encoding: .utf8)) ?? ""
        }

        /// The end of touchline.log, for failure messages.
        var log: String {
            let text = (try? String(contentsOfFile: config.replacingOccurrences(of: "/config.toml", with: "/state/touchline.log"),
                                    encoding: .utf8)) ?? ""
            return String(text.suffix(800))
        }
    }

    private func launch(_ stack: TestStack, width: Int = 100, height: Int = 30, extraTables: String = "") throws -> Dashboard {
        let root = "\(stack.directory)/signals-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let text = stack.configText(extraProbes: extraTables)
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(root)/state\"")
        let config = root + "/config.toml"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let marker = root + "/dash"
        let command = "stty -g > \(marker).before; \(FaultSupport.binary) --config \(config); echo $? > \(marker).code; "
            + "stty -g > \(marker).after; sleep 60"
        let session = try TmuxSession(command: command, width: width, height: height, environment: stack.environment)
        return Dashboard(session: session, marker: marker, config: config)
    }

    @Test("SIGINT and SIGHUP while idle: exit 130 and 129, the terminal restored", arguments: [SIGINT, SIGHUP])
    func idleSignal(signal: Int32) throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack)
        #expect(dashboard.session.waitFor(seconds: 5) { $0.contains("conns") }.matched)
        let pid = try #require(dashboard.pid())
        kill(pid, signal)
        let code = dashboard.waitForExit()
        #expect(code == String(128 + signal), "exit \(code ?? "none"); log:\n\(dashboard.log)")
        #expect(dashboard.terminalRestored, "stty -g differs after signal \(signal)")
    }

    @Test("SIGTERM with the backup dialog open: exit 143, terminal restored, no backup started")
    func sigtermWithDialogOpen() throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack)
        #expect(dashboard.session.waitFor(seconds: 5) { $0.contains("conns") }.matched)
        dashboard.session.send("b")
        let dialog = dashboard.session.waitFor(seconds: 3) { $0.contains("Confirm backup") }
        #expect(dialog.matched, "\(dialog.screen)")
        let pid = try #require(dashboard.pid())
        kill(pid, SIGTERM)
        #expect(dashboard.waitForExit() == "143", "log:\n\(dashboard.log)")
        #expect(dashboard.terminalRestored)
        let started = dashboard.audit.split(separator: "\n").filter { $0.contains("\"backup\"") && $0.contains("\"start\"") }
        #expect(started.isEmpty, "a backup started: \(started)")
    }

    @Test("SIGTERM while a restart runs: exit 143, terminal restored, its child gone, audited as cancelled")
    func sigtermWhileActionRuns() throws {
        let stack = try FaultSupport.stack()
        let sleeper = "sleep 61.\(Int.random(in: 100...999))"
        let table = """
            [environments.staging.restart.redis]
            command = ["sh", "-c", "echo started; \(sleeper)"]
            timeout = "2m"
            """
        let dashboard = try launch(stack, extraTables: table)
        defer { _ = ProcessRunner.run("/usr/bin/pkill", ["-f", sleeper], environment: [:], timeout: 5) }
        #expect(dashboard.session.waitFor(seconds: 5) { $0.contains("1.5.0") }.matched)
        dashboard.session.send("j")
        dashboard.session.send("j")
        dashboard.session.send("s")
        #expect(dashboard.session.waitFor(seconds: 3) { $0.contains("Confirm restart redis") }.matched)
        dashboard.session.send("y")
        let running = dashboard.session.waitFor(seconds: 5) { $0.contains("started") }
        #expect(running.matched, "\(running.screen)")
        #expect(FaultSupport.waitUntil(seconds: 3) { FaultSupport.processRunning(sleeper) }, "the action's child never ran")
        let pid = try #require(dashboard.pid())
        kill(pid, SIGTERM)
        #expect(dashboard.waitForExit() == "143", "log:\n\(dashboard.log)")
        #expect(dashboard.terminalRestored)
        #expect(!FaultSupport.processRunning(sleeper), "the restart's child outlived touchline")
        let end = dashboard.audit.split(separator: "\n").last { $0.contains("\"restart\"") && $0.contains("\"end\"") } ?? ""
        #expect(end.contains("\"outcome\":\"cancelled\""), "the end record: \(end)")
    }

    @Test("a storm of 30 resizes between 80x24 and 200x60: the full frame is drawn after it; q exits 0 with the terminal restored")
    func resizeStorm() throws {
        let stack = try FaultSupport.stack()
        let dashboard = try launch(stack, width: 120, height: 40)
        #expect(dashboard.session.waitFor(seconds: 5) { $0.contains("conns") }.matched)
        for index in 0..<30 {
            if index.isMultiple(of: 2) { dashboard.session.resize(width: 200, height: 60) } else { dashboard.session.resize(width: 80, height: 24) }
        }
        dashboard.session.resize(width: 200, height: 60)
        let full = dashboard.session.waitFor(seconds: 4) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return ["Services", "Database", "Redis", "API latency", "Events", "conns"].allSatisfy(screen.contains)
                && lines.first?.contains("touchline") == true
                && lines.contains { $0.count >= 190 && $0.hasPrefix("┏") }
        }
        #expect(full.matched, "not the full 200x60 frame after the storm:\n\(full.screen)")
        #expect(dashboard.pid() != nil, "touchline died in the storm; log:\n\(dashboard.log)")
        dashboard.session.send("q")
        #expect(dashboard.waitForExit() == "0", "log:\n\(dashboard.log)")
        #expect(dashboard.terminalRestored)
    }
}
}
