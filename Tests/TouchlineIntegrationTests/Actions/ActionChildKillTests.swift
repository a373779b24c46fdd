import Foundation
import Glibc
import Testing
@testable import TouchlineTestSupport

/// An action's command never runs on after touchline is gone, not even after a SIGKILL of it: otherwise it
/// would keep changing the environment after the action lock (and the shared one, whose session the server
/// ends) was released, under the next operator's action.
@Suite("Action commands die with touchline")
struct ActionChildKillTests {
    private let root = NSTemporaryDirectory() + "touchline-childkill-\(UUID().uuidString.prefix(8))"

    /// Running (not zombie) processes whose command line is exactly `argv`.
    private static func running(_ argv: [String]) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  data.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) == argv,
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    @Test("kill -9 of headless touchline restart mid-command: the command (quiet, or ignoring SIGTERM) is gone within 2 s",
          .timeLimit(.minutes(1)), arguments: ["exec sleep DURATION", "trap '' TERM; sleep DURATION; echo never"])
    func restartCommand(script: String) throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let duration = "301.\(getpid() % 10_000)\(script.count)"
        let command = script.replacingOccurrences(of: "DURATION", with: duration)
        let config = root + "/config.toml"
        try """
            [environments.staging]
            state_dir = "\(root)/state"
            [[environments.staging.probes]]
            name = "api"
            kind = "tcp"
            address = "127.0.0.1:9"
            [environments.staging.restart.api]
            command = ["sh", "-c", "\(command)"]
            timeout = "10m"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try SignalledProcess([FaultSupport.binary, "restart", "api", "--yes", "--config", config],
                                       stderrPath: root + "/restart.err", environment: ProcessInfo.processInfo.environment)
        #expect(FaultSupport.waitUntil(seconds: 10) { !Self.running(["sleep", duration]).isEmpty }, "\(run.stderr)")
        run.signal(SIGKILL)
        let killed = Date()
        while Date().timeIntervalSince(killed) < 4 && !Self.running(["sleep", duration]).isEmpty { usleep(50_000) }
        #expect(Self.running(["sleep", duration]).isEmpty, "the restart command outlived a kill -9 of touchline")
        #expect(Date().timeIntervalSince(killed) < 2.5)
    }
}
