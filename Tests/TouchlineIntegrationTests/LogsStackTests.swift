import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

extension RealStackSuite {
/// Service logs on the real stack: `touchline logs api` (the stack's `logs --follow api` command, and the file)
/// shows a request made during the test, `--follow` prints one made while it runs and stops on SIGINT, a file
/// that is not there exits 1, `--follow --lines N` starts with the last N lines of the command's backlog, a
/// kill -9 of touchline leaves no log command running, and a restart whose service never comes back carries
/// the API's log tail in its Output and its audit record, and so does a rollback.
@Suite("Service logs on the stack", .serialized)
struct LogsStackTests {
    static let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path

    /// The runner's config with logs tables for the API (command and file) and a missing file.
    private func config(_ runner: HeadlessRunner, restart: (old: String, new: String)? = nil) throws -> String {
        let path = try runner.writeConfig()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if let restart {
            #expect(text.contains(restart.old))
            text = text.replacingOccurrences(of: restart.old, with: restart.new)
        }
        text += """

            [environments.staging.logs.api]
            command = ["\(Self.script)", "logs", "--follow", "api"]

            [environments.staging.logs.api-file]
            file = "\(runner.stack.directory)/logs/api.log"

            [environments.staging.logs.gone]
            file = "\(runner.root)/no-such.log"
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func request(_ stack: TestStack, _ marker: String) {
        let url = "http://127.0.0.1:\(stack.apiPort)/health?logs-test=\(marker)"
        _ = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "-m", "5", url], environment: stack.environment, timeout: 10)
    }

    @Test("touchline logs api shows a request made during the test (command and file sources); a missing file exits 1; the snapshot keeps each log",
          .timeLimit(.minutes(2)))
    func headless() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try config(runner)
        let marker = UUID().uuidString
        request(stack, marker)
        let command = runner.run(["logs", "api", "--lines", "2000"], config: config, timeout: 30)
        #expect(command.code == 0, "\(command.stderr)")
        #expect(command.stdout.contains("GET /health?logs-test=\(marker)"), "\(command.stdout.suffix(2000))")
        #expect(command.seconds < 5, "a command source is read for at most 2 s, then stopped")
        let file = runner.run(["logs", "api-file", "--lines", "50"], config: config, timeout: 30)
        #expect(file.code == 0, "\(file.stderr)")
        #expect(file.stdout.contains("logs-test=\(marker)"), "\(file.stdout)")
        #expect(file.stdout.split(separator: "\n").count <= 50)
        let gone = runner.run(["logs", "gone"], config: config, timeout: 30)
        #expect(gone.code == 1)
        #expect(gone.stderr.contains("cannot open \(runner.root)/no-such.log: No such file or directory"), "\(gone.stderr)")
        let snapshot = runner.run(["snapshot", "--output", runner.root + "/snapshots", "--json"], config: config, timeout: 60)
        #expect(snapshot.code == 0, "\(snapshot.stderr)")
        #expect(snapshot.seconds < 15, "the logs are read side by side, each within 2 s")
        let paths = try #require(try JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8)) as? [String: Any])
        let jsonPath = try #require(paths["json"] as? String)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        let logs = try #require(document["logs"] as? [[String: Any]])
        #expect(logs.compactMap { $0["service"] as? String } == ["api", "api-file", "gone"])
        let apiLines = (logs.first?["lines"] as? [String]) ?? []
        #expect(apiLines.contains { $0.contains("logs-test=\(marker)") } && apiLines.count <= 200, "\(apiLines.suffix(5))")
        #expect((logs.last?["error"] as? String)?.contains("cannot open") == true)
        let markdownPath = try #require(paths["markdown"] as? String)
        let markdown = try String(contentsOfFile: markdownPath, encoding: .utf8)
        #expect(markdown.contains("## Log: api (last"))
        let unknown = runner.run(["logs", "nosuch"], config: config, timeout: 30)
        #expect(unknown.code == 3)
        #expect(unknown.stderr.contains("configured: api, api-file, gone"), "\(unknown.stderr)")
    }

    @Test("touchline logs api --follow prints a request made while it runs; SIGINT stops it (exit 0) and its tail -F",
          .timeLimit(.minutes(2)))
    func follow() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try config(runner)
        let output = runner.root + "/follow.out"
        let run = try SignalledProcess(["sh", "-c", "exec \"$0\" \"$@\" 1>&2", FaultSupport.binary, "logs", "api", "--follow",
                                        "--config", config], stderrPath: output, environment: stack.environment)
        usleep(1_000_000)
        let marker = UUID().uuidString
        request(stack, marker)
        #expect(FaultSupport.waitUntil(seconds: 10) { run.stderr.contains("logs-test=\(marker)") }, "\(run.stderr.suffix(2000))")
        let tails = Self.tails(of: "\(stack.directory)/logs/api.log")
        #expect(!tails.isEmpty, "scripts/stack logs --follow runs tail -F")
        run.signal(SIGINT)
        #expect(run.exitCode(within: 10) == 0, "\(run.stderr.suffix(500))")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && !Self.tails(of: "\(stack.directory)/logs/api.log").filter(tails.contains).isEmpty { usleep(50_000) }
        #expect(Self.tails(of: "\(stack.directory)/logs/api.log").filter(tails.contains).isEmpty, "the tail -F was stopped")
    }

    @Test("touchline logs api --follow --lines 3: the last 3 lines of tail -F's backlog of 50, then new ones; kill -9 of touchline leaves no tail -F",
          .timeLimit(.minutes(2)))
    func followLinesThenKill() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        let config = try config(runner)
        let log = "\(stack.directory)/logs/api.log"
        func logLines() -> Int { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count }
        for index in 0..<60 where logLines() < 50 { request(stack, "backlog-\(index)") }
        #expect(logLines() >= 50, "the stack's tail -n 50 -F has a backlog of 50 lines")
        let output = runner.root + "/follow-lines.out"
        let run = try SignalledProcess(["sh", "-c", "exec \"$0\" \"$@\" 1>&2", FaultSupport.binary, "logs", "api", "--follow", "--lines", "3",
                                        "--config", config], stderrPath: output, environment: stack.environment)
        #expect(FaultSupport.waitUntil(seconds: 5) { !run.stderr.isEmpty })
        #expect(FaultSupport.waitUntil(seconds: 5) { run.stderr.split(separator: "\n").count >= 4 })
        let first = run.stderr.split(separator: "\n")
        let notes = first.filter { $0.hasPrefix("touchline logs: ") }
        #expect(notes.count == 1 && notes.first?.hasSuffix("earlier lines of the command's first output left out (the last 3 shown)") == true,
                "\(first)")
        #expect(first.count - notes.count <= 4, "the backlog's last 3 lines (and what came since), not 50: \(first)")
        let marker = UUID().uuidString
        request(stack, marker)
        #expect(FaultSupport.waitUntil(seconds: 10) { run.stderr.contains("logs-test=\(marker)") }, "\(run.stderr.suffix(2000))")
        var tails: [pid_t] = []
        _ = FaultSupport.waitUntil(seconds: 5) {
            tails = Self.tails(of: log)
            return !tails.isEmpty
        }
        #expect(!tails.isEmpty, "scripts/stack logs --follow runs tail -F")
        run.signal(SIGKILL)
        let killed = Date()
        while Date().timeIntervalSince(killed) < 3 && !Self.tails(of: log).filter(tails.contains).isEmpty { usleep(50_000) }
        #expect(Self.tails(of: log).filter(tails.contains).isEmpty, "the tail -F outlived a kill -9 of touchline")
        #expect(Date().timeIntervalSince(killed) < 2.5)
        // A quiet command (no write to fail on the closed pipe), and one that ignores SIGTERM: gone too.
        for (index, script) in ["echo ready; exec sleep DURATION", "trap '' TERM; echo ready; sleep DURATION; echo never"].enumerated() {
            let duration = "300.\(getpid() % 10_000)\(index)"
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text += "\n[environments.staging.logs.quiet\(index)]\ncommand = [\"sh\", \"-c\", \"\(script.replacingOccurrences(of: "DURATION", with: duration))\"]\n"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            let quiet = try SignalledProcess([FaultSupport.binary, "logs", "quiet\(index)", "--follow", "--config", config],
                                             stderrPath: runner.root + "/quiet\(index).err", environment: stack.environment)
            #expect(FaultSupport.waitUntil(seconds: 5) { !Self.sleeping(duration).isEmpty }, "\(quiet.stderr)")
            usleep(300_000)
            quiet.signal(SIGKILL)
            let gone = Date()
            while Date().timeIntervalSince(gone) < 3 && !Self.sleeping(duration).isEmpty { usleep(50_000) }
            #expect(Self.sleeping(duration).isEmpty, "\(script): the command outlived a kill -9 of touchline")
            #expect(Date().timeIntervalSince(gone) < 2, "\(script)")
        }
    }

    /// Running (not zombie) `sleep DURATION` processes.
    static func sleeping(_ duration: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  data.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) == ["sleep", duration],
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    @Test("a restart whose service never comes back: the API's last log lines in its output and its audit record (log_tail)",
          .timeLimit(.minutes(2)))
    func failedRestartCarriesLogTail() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        defer {
            stack.run(["start", "api"])
            stack.waitUntilAPISteady()
        }
        let config = try config(runner, restart: (old: "command = [\"\(Self.script)\", \"restart\", \"api\"]\nwait_healthy = \"20s\"",
                                                  new: "command = [\"\(Self.script)\", \"stop\", \"api\"]\nwait_healthy = \"3s\""))
        let marker = UUID().uuidString
        request(stack, marker)
        let run = runner.run(["restart", "api", "--yes"], config: config, timeout: 90)
        #expect(run.code == 1, "\(run.stderr)")
        #expect(run.stderr.contains("lines of api's log"), "\(run.stderr)")
        let end = try #require(runner.auditRecords().last { $0.action == "restart" && $0.phase == .end })
        #expect(end.outcome == .failed)
        let tail = try #require(end.output?.logTail, "the audit record carries the log tail")
        #expect(tail.count <= ServiceLogCapture.lineCount && tail.count > 5)
        #expect(tail.contains { $0.contains("logs-test=\(marker)") || $0.contains("Shutting down") }, "\(tail)")
        #expect(runner.auditText().contains("\"log_tail\""))
    }

    @Test("a rollback whose service never reports the release: the API's last log lines in its output and its audit record (log_tail)",
          .timeLimit(.minutes(2)))
    func failedRollbackCarriesLogTail() throws {
        let stack = try FaultSupport.stack()
        let runner = HeadlessRunner(stack: stack)
        defer {
            stack.run(["start", "api"])
            stack.waitUntilAPISteady()
        }
        // The rollback "switches" by stopping the API, so it never reports the release.
        let config = try config(runner, restart: (old: "command = [\"\(Self.script)\", \"rollback\", \"{release}\"]\nwait_healthy = \"30s\"",
                                                  new: "command = [\"sh\", \"-c\", \"exec \\\"$0\\\" stop api\", \"\(Self.script)\", \"{release}\"]\nwait_healthy = \"3s\""))
        let marker = UUID().uuidString
        request(stack, marker)
        let run = runner.run(["rollback", "1.4.2", "--confirm", "staging"], config: config, timeout: 90)
        #expect(run.code == 1, "\(run.stderr)")
        #expect(run.stderr.contains("lines of api's log"), "\(run.stderr)")
        let end = try #require(runner.auditRecords().last { $0.action == "rollback" && $0.phase == .end })
        #expect(end.outcome == .failed, "\(end)")
        let tail = try #require(end.output?.logTail, "the audit record carries the log tail")
        #expect(tail.count <= ServiceLogCapture.lineCount && tail.count > 5)
        #expect(tail.contains { $0.contains("logs-test=\(marker)") || $0.contains("Shutting down") }, "\(tail)")
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
