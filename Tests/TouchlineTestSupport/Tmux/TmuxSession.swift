import Foundation
import Glibc

/// The real binary in a detached tmux session of a fixed size, driven with send-keys and read with capture-pane.
final class TmuxSession {
    let name: String
    private let socket: String

    /// Starts `command` (a shell command line) in a new session of `width` x `height`.
    init(command: String, width: Int, height: Int, environment: [String: String]) throws {
        name = "t\(getpid())-\(UUID().uuidString.prefix(6))"
        // A tmux server of its own: with one shared server, killing the last session ends the server while the
        // next test's new-session attaches to it ("server exited unexpectedly", or its session hung up at once).
        socket = "touchline-test-\(name)"
        let exports = environment.filter { ["STAGING_DB_PASSWORD", "PATH", "HOME"].contains($0.key) || $0.key.hasPrefix("STACK_") }
            .map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        let arguments = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                         "env TERM=xterm-256color sh -c \"\(exports) \(command.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "$", with: "\\$"))\""]
        var result = tmux(arguments)
        // The previous test's last session may have just been killed: its server is still exiting, and a
        // client that reaches it gets "server exited unexpectedly". A new server then starts on retry.
        for _ in 0..<3 where result.0 != 0 && result.1.contains("server exited unexpectedly") {
            Thread.sleep(forTimeInterval: 0.2)
            result = tmux(arguments)
        }
        guard result.0 == 0 else { throw TestStack.StackError(message: "tmux new-session failed: \(result.1)") }
    }

    deinit { _ = tmux(["kill-server"]) }

    /// The pane's text now.
    func capture() -> String { tmux(["capture-pane", "-p", "-t", name]).1 }

    /// Sends keys (tmux key names such as `q`, `Tab`, `Enter`).
    func send(_ keys: String...) { _ = tmux(["send-keys", "-t", name] + keys) }

    /// Resizes the window.
    func resize(width: Int, height: Int) {
        _ = tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds or `seconds` pass; returns the last capture and the time it took.
    @discardableResult
    func waitFor(seconds: Double, _ predicate: (String) -> Bool) -> (screen: String, seconds: Double, matched: Bool) {
        let start = Date()
        var screen = capture()
        while !predicate(screen) {
            if Date().timeIntervalSince(start) > seconds { return (screen, Date().timeIntervalSince(start), false) }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
        return (screen, Date().timeIntervalSince(start), true)
    }

    private func tmux(_ arguments: [String]) -> (Int32, String) {
        ProcessRunner.run("/usr/bin/tmux", ["-L", socket] + arguments, environment: ProcessInfo.processInfo.environment, timeout: 10)
    }
}
