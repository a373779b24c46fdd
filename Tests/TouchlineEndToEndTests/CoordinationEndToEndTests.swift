import Foundation
import Glibc
import Testing
import TouchlineCore
import TouchlineOps
@testable import TouchlineTestSupport

/// Issue 16's live feed, as two operators see it: bob's dashboard in tmux shows alice watching, alice's
/// headless action within a second of its start record, and alice's acknowledgement of a red row.
extension RealStackSuite {
@Suite("Coordination end to end", .serialized)
struct CoordinationEndToEndTests {
    private func coordination() throws -> CoordinationCase {
        switch TestStack.shared {
        case .success(let stack): return CoordinationCase(stack: stack)
        case .failure(let error): throw error
        }
    }

    private func dashboard(_ coordination: CoordinationCase, operator name: String, config: String) throws -> TmuxSession {
        let command = "TOUCHLINE_OPERATOR=\(name) \(CoordinationCase.binary) --config \(config); sleep 60"
        return try TmuxSession(command: command, width: 140, height: 45, environment: coordination.stack.environment)
    }

    @Test("A's action in B's Events within 1 s of its start record, then its outcome; B's header shows A watching and holding the lock")
    func liveFeed() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let bob = try coordination.writeConfig(operator: "bob")
        let alice = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/sleep", "4"])
        let bobScreen = try dashboard(coordination, operator: "bob", config: bob)
        let connected = bobScreen.waitFor(seconds: 10) { $0.contains("coordination: connected") }
        #expect(connected.matched, "\(connected.screen)")
        let aliceScreen = try dashboard(coordination, operator: "alice", config: alice)
        let watching = bobScreen.waitFor(seconds: 8) { $0.contains("also watching: alice@") }
        #expect(watching.matched, "bob's header names alice watching:\n\(watching.screen)")
        _ = aliceScreen.waitFor(seconds: 8) { $0.contains("also watching: bob@") }

        let stderr = "\(coordination.root)/alice-restart.stderr"
        let restart = try SignalledProcess([CoordinationCase.binary, "restart", "api", "--yes", "--config", alice],
                                           stderrPath: stderr, environment: coordination.environment("alice"))
        var seenAt: Date?
        var screen = ""
        let deadline = Date().addingTimeInterval(15)
        while seenAt == nil && Date() < deadline {
            screen = bobScreen.capture()
            if screen.split(separator: "\n").contains(where: { $0.contains("alice@") && $0.contains("started restart staging → api") }) {
                seenAt = Date()
            } else {
                usleep(20_000)
            }
        }
        let start = AuditLog(stateDirectory: coordination.stateDirectory("alice")).recent(limit: 5).first { $0.phase == .start }
        let started = try #require(start?.time, "alice's start record: \(restart.stderr)")
        let shown = try #require(seenAt, "alice's start never reached bob's Events:\n\(screen)")
        let delay = shown.timeIntervalSince(started)
        print("feed delay (start record to bob's screen): \(String(format: "%.3f", delay)) s")
        #expect(delay < 1.0, "alice's action reached bob's Events \(delay) s after its start record")
        let locked = bobScreen.waitFor(seconds: 3) { $0.contains("locked by alice@") && $0.contains("(restart api)") }
        #expect(locked.matched, "bob's header names the holder while it runs:\n\(locked.screen)")
        #expect(restart.exitCode(within: 30) == 0, "\(restart.stderr)")
        let ended = bobScreen.waitFor(seconds: 3) { $0.contains("alice@") && $0.contains("restart staging → api: ok in") }
        #expect(ended.matched, "the outcome and duration follow:\n\(ended.screen)")
        #expect(!ended.screen.contains(coordination.stack.password))
        let audit = coordination.run("bob", ["audit"], config: bob)
        #expect(audit.stdout.contains("restart api") && audit.stdout.contains("alice@"), "\(audit.stdout)")
        bobScreen.send("q")
        aliceScreen.send("q")
    }

    @Test("A killed with -9 mid-action: B's Events says interrupted once A's lock session is gone, and B's header frees")
    func killedHolderLive() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let bob = try coordination.writeConfig(operator: "bob")
        // A duration no other process uses, so the orphaned sleep (its touchline was killed) is found by it.
        let duration = "29.\(Int.random(in: 100_000...999_999))"
        let marker = "/bin/sleep \(duration)"
        let alice = try coordination.writeConfig(operator: "alice", restartCommand: ["/bin/sleep", duration])
        let bobScreen = try dashboard(coordination, operator: "bob", config: bob)
        let connected = bobScreen.waitFor(seconds: 10) { $0.contains("coordination: connected") }
        #expect(connected.matched, "\(connected.screen)")
        let restart = try SignalledProcess([CoordinationCase.binary, "restart", "api", "--yes", "--config", alice],
                                           stderrPath: "\(coordination.root)/alice-killed.stderr", environment: coordination.environment("alice"))
        defer { _ = ProcessRunner.run("/usr/bin/pkill", ["-f", marker], environment: [:], timeout: 5) }
        let locked = bobScreen.waitFor(seconds: 10) { $0.contains("locked by alice@") }
        #expect(locked.matched, "\(locked.screen)")
        restart.signal(SIGKILL)
        #expect(restart.exitCode(within: 5) == 128 + SIGKILL)
        let interrupted = bobScreen.waitFor(seconds: 6) { $0.contains("restart staging → api: interrupted") }
        #expect(interrupted.matched, "bob's Events says so:\n\(interrupted.screen)")
        #expect(!interrupted.screen.contains("locked by alice@"), "the header frees:\n\(interrupted.screen)")
        bobScreen.send("q")
    }

    @Test("A on a red Services row: `on it: alice@…` on both dashboards and in Events, audited; cleared when it recovers")
    func acknowledge() throws {
        let coordination = try coordination()
        defer { coordination.drop() }
        let stack = coordination.stack
        defer { stack.run(["start", "redis"]) }
        let alice = try coordination.writeConfig(operator: "alice")
        let bob = try coordination.writeConfig(operator: "bob")
        let aliceScreen = try dashboard(coordination, operator: "alice", config: alice)
        let bobScreen = try dashboard(coordination, operator: "bob", config: bob)
        for screen in [aliceScreen, bobScreen] {
            let ready = screen.waitFor(seconds: 10) { $0.contains("coordination: connected") && $0.contains("redis") }
            #expect(ready.matched, "\(ready.screen)")
        }
        #expect(stack.run(["stop", "redis"]).0 == 0)
        let red = aliceScreen.waitFor(seconds: 5) { $0.contains("redis down") }
        #expect(red.matched, "\(red.screen)")
        aliceScreen.send("j")
        aliceScreen.send("j")
        aliceScreen.send("A")
        let marked = bobScreen.waitFor(seconds: 5) { screen in
            screen.split(separator: "\n").contains { $0.contains("redis") && $0.contains("on it: alice@") }
        }
        #expect(marked.matched, "bob sees alice on it:\n\(marked.screen)")
        #expect(marked.screen.contains("redis acknowledged: on it: alice@"), "in Events too:\n\(marked.screen)")
        let own = aliceScreen.waitFor(seconds: 3) { $0.contains("on it: alice@") }
        #expect(own.matched, "\(own.screen)")
        #expect(coordination.sql("SELECT who FROM touchline.acknowledgements WHERE probe = 'redis'").hasPrefix("alice@"))
        #expect(coordination.sharedRows().contains("alice|acknowledge|end|ok|f"), "\(coordination.sharedRows())")

        #expect(stack.run(["start", "redis"]).0 == 0)
        let cleared = bobScreen.waitFor(seconds: 8) { $0.contains("redis: alice@") && $0.contains("no longer on it") }
        #expect(cleared.matched, "cleared on recovery:\n\(cleared.screen)")
        let row = cleared.screen.split(separator: "\n").first { $0.contains(" redis ") && $0.contains("┃") }
        #expect(row.map { !$0.contains("on it:") } == true, "the row's mark is gone: \(row ?? "")")
        #expect(coordination.sql("SELECT count(*) FROM touchline.acknowledgements") == "0")
        aliceScreen.send("q")
        bobScreen.send("q")
    }
}
}
