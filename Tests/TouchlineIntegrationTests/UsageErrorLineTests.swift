import Foundation
import Testing
@testable import TouchlineTestSupport

/// Every subcommand's usage errors, as a CI script sees them: exit 3, nothing on standard output and one line on
/// standard error naming the subcommand (`touchline restore: missing expected argument '<file>' (see touchline
/// restore --help)`), never the root's two lines `touchline: Unknown option …` / `(see touchline --help)`.
@Suite("usage errors: one line naming the subcommand")
struct UsageErrorLineTests {
    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// Every leaf command, as typed after `touchline`.
    static let commands = [
        "dashboard", "check", "backup", "backups", "restore", "restart", "releases", "rollback", "audit", "rehearse",
        "snapshot", "redis-info", "lock", "coordination init", "config snapshot", "config snapshots", "config diff",
        "config restore", "logs", "sessions", "cancel-query", "terminate-session", "alerts", "silences", "silence",
        "expire-silence",
    ]

    /// The required argument of the commands that take one (without it the parser reports it missing first).
    static let argument = ["restore": "x.sql.gz", "restart": "api", "logs": "api", "cancel-query": "1", "terminate-session": "1",
                           "expire-silence": "x", "config diff": "x", "config restore": "x"]

    private func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        ProcessRunner.runSeparately(binary, arguments, environment: ProcessInfo.processInfo.environment, timeout: 10)
    }

    private func expectOneLine(_ arguments: [String], _ prefix: String, _ command: String) {
        let result = run(arguments)
        #expect(result.code == 3, "\(arguments): exit \(result.code)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        #expect(result.stderr.hasPrefix(prefix), "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasSuffix(" (see \(command) --help)\n"), "\(arguments): \(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(arguments): \(result.stderr)")
    }

    @Test("an unknown option, in every command: exit 3, one line naming the command")
    func unknownOption() {
        for command in Self.commands {
            let words = command.split(separator: " ").map(String.init) + (Self.argument[command].map { [$0] } ?? [])
            expectOneLine(words + ["--bogus"], "touchline \(command): unknown option '--bogus'", "touchline \(command)")
        }
    }

    @Test("a missing argument, a bad value and a failed validation name the command")
    func missingAndBadValues() {
        for command in ["restore", "restart", "logs", "cancel-query", "terminate-session", "expire-silence", "config diff",
                        "config restore"] {
            let words = command.split(separator: " ").map(String.init)
            expectOneLine(words, "touchline \(command): missing expected argument '<", "touchline \(command)")
        }
        expectOneLine(["audit", "--limit", "x"], "touchline audit: the value 'x' is invalid for '--limit", "touchline audit")
        expectOneLine(["audit", "--limit", "0"], "touchline audit: --limit must be a positive number of records", "touchline audit")
        expectOneLine(["logs", "api", "--lines", "0"], "touchline logs: --lines must be between 1 and 100000", "touchline logs")
        // The parser takes `-1` for an option: the line says what was given, not "missing value".
        expectOneLine(["audit", "--limit", "-1"], "touchline audit: --limit: '-1' is negative; --limit takes no negative value",
                      "touchline audit")
        expectOneLine(["snapshot", "--duration", "-1s"],
                      "touchline snapshot: --duration: '-1s' is negative; --duration takes no negative value", "touchline snapshot")
        expectOneLine(["terminate-session", "-5"], "touchline terminate-session: <pid>: '-5' is negative; <pid> takes no negative value",
                      "touchline terminate-session")
        expectOneLine(["snapshot", "--duration"], "touchline snapshot: missing value for '--duration", "touchline snapshot")
        expectOneLine(["cancel-query", "0"], "touchline cancel-query: PID must be a positive backend pid", "touchline cancel-query")
        expectOneLine(["coordination", "init", "--confirm", "staging"], "touchline coordination init: unexpected argument 'staging'",
                      "touchline coordination init")
    }

    @Test("a command group without its subcommand, or with one it lacks, names the ones it has; an unknown command says so")
    func groupsAndUnknownCommands() {
        expectOneLine(["config", "--env", "staging"],
                      "touchline config: no subcommand given (one of: snapshot, snapshots, diff, restore)", "touchline config")
        expectOneLine(["config", "rollback"],
                      "touchline config: unknown subcommand 'rollback' (one of: snapshot, snapshots, diff, restore)", "touchline config")
        expectOneLine(["coordination", "--env", "staging"], "touchline coordination: no subcommand given (one of: init)",
                      "touchline coordination")
        expectOneLine(["chek"], "touchline: unknown command 'chek'", "touchline")
        expectOneLine(["--bogus"], "touchline: unknown option '--bogus'", "touchline")
        let help = run(["config"])
        #expect(help.code == 0 && help.stdout.contains("USAGE: touchline config <subcommand>"), "\(help.stdout)")
    }
}

extension UsageErrorLineTests {
    @Test("every command's --help gives its exit codes")
    func helpGivesExitCodes() {
        for command in Self.commands where command != "dashboard" {
            let words = command.split(separator: " ").map(String.init)
            let help = ProcessRunner.runSeparately(TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path,
                                                   words + ["--help"], environment: ProcessInfo.processInfo.environment, timeout: 10)
            #expect(help.code == 0, "\(command)")
            let text = help.stdout.replacingOccurrences(of: "\n", with: " ")
            #expect(text.contains("Exit codes") || text.contains("exit 0"), "\(command) --help names no exit codes")
        }
    }
}
