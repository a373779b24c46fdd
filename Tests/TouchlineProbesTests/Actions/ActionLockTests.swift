import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("ActionLock")
struct ActionLockTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("action-lock-\(UUID().uuidString)").path
    private let alice = OperatorIdentity(user: "alice", host: "ops-1", pid: 4242)
    private let bob = OperatorIdentity(user: "bob", host: "ops-2", pid: 4343)

    @Test("a second taker is refused with the first holder's action, user, host and pid")
    func secondTakerRefused() throws {
        let first = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
        defer { first.release() }
        #expect(first.tookOverFrom == nil)
        do {
            _ = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "restart", identity: bob)
            Issue.record("the second taker got the lock")
        } catch {
            guard case .held(let holder, let environment, let file) = error else { Issue.record("\(error)"); return }
            #expect(holder?.user == "alice")
            #expect(holder?.action == "backup")
            #expect(environment == "staging")
            #expect(file == folder + "/actions.lock")
            #expect(error.description.contains("another action is running on staging: backup by alice@ops-1 (pid 4242) since"))
        }
        #expect(ActionLock.holder(stateDirectory: folder)?.user == "alice")
    }

    @Test("concurrent takers on many threads: exactly one wins")
    func oneWinnerAmongMany() async throws {
        let winners = await withTaskGroup(of: ActionLock?.self) { group in
            for index in 0..<8 {
                group.addTask { [folder] in
                    try? ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup",
                                            identity: OperatorIdentity(user: "u\(index)", host: "h", pid: Int32(index)))
                }
            }
            var held: [ActionLock] = []
            for await lock in group { if let lock { held.append(lock) } }
            return held
        }
        #expect(winners.count == 1)
        winners.forEach { $0.release() }
    }

    @Test("released on every path: release(), going out of scope; then the note is empty and nobody holds it")
    func releasedOnEveryPath() throws {
        try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice).release()
        func scoped() throws {
            let lock = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
            #expect(ActionLock.holder(stateDirectory: folder)?.description == lock.holder.description)
        }
        try scoped()
        let again = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: bob)
        #expect(again.tookOverFrom == nil, "a clean release leaves no note")
        again.release()
        again.release()
        #expect(try String(contentsOfFile: folder + "/actions.lock", encoding: .utf8).isEmpty)
        #expect(ActionLock.holder(stateDirectory: folder) == nil)
    }

    @Test("a lock held by a process that is then killed: refused while it lives, taken over with its note after")
    func deadHolderTakenOver() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let note = LockHolder(action: "restore", environment: "staging", pid: 99_999, user: "carol", host: "ops-3",
                              startedAt: Date(timeIntervalSince1970: 1_740_000_000))
        let path = folder + "/actions.lock"
        try ActionJSON.encoder().encode(note).write(to: URL(fileURLWithPath: path))
        // util-linux flock(1) takes the same kind of lock, as another touchline would, and holds it while sleep runs.
        let holder = try ProcessPipeline.start([.init(argv: ["flock", "--exclusive", path, "sleep", "60"],
                                                      environment: ProcessInfo.processInfo.environment)], sink: .reader { _ in })
        try waitUntil { ActionLock.holder(stateDirectory: folder) != nil }
        #expect(throws: ActionLockError.self) {
            try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
        }
        kill(-holder.pids[0], SIGKILL)
        holder.waitUntilExit()
        #expect(ActionLock.holder(stateDirectory: folder) == nil, "a note left by a dead holder is not a holder")
        let lock = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
        defer { lock.release() }
        #expect(lock.tookOverFrom == note)
    }

    @Test("child processes do not inherit the lock: it is free once released, though a child still runs")
    func notInheritedByChildren() throws {
        let lock = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
        let child = try ProcessPipeline.start([.init(argv: ["sleep", "30"], environment: [:])], sink: .reader { _ in })
        defer {
            child.terminate(grace: 0.5)
            child.waitUntilExit()
        }
        lock.release()
        let next = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: bob)
        next.release()
    }

    private func waitUntil(_ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(5)
        while !condition() {
            guard Date() < deadline else { throw ActionFailure("condition not met within 5 s") }
            usleep(20_000)
        }
    }
}
