import Foundation
import Synchronization
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// The one envelope of every action, on a real state folder: lock, start record with the spec's argv, body,
/// release; a held lock is one refused record and nothing runs. And the control that reaches a running action.
@Suite("Action envelope and control")
struct ActionEnvelopeTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("envelope-\(UUID().uuidString)").path
    private let alice = OperatorIdentity(user: "alice", host: "ops-1", pid: 4242)

    private var environment: EnvironmentConfig {
        EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false, stateDirectory: folder, probes: [])
    }

    private var spec: ActionSpec {
        ActionSpec(kind: .restart, environment: "staging", target: "api", commands: [["scripts/stack", "restart", "api"]],
                   lines: ["scripts/stack restart api"], consequence: "", confirmation: .yesNo)
    }

    @Test("start and end records carry the spec's argv, the lock is held while the body runs and released after")
    func startRunEnd() throws {
        let envelope = ActionEnvelope(spec: spec, environment: environment, identity: alice)
        let report = envelope.run(refused: { _ in ActionReport(.refused, "refused") }, body: { trail in
            #expect(ActionLock.holder(stateDirectory: folder)?.action == "restart api", "the lock's note names the spec")
            try? trail.end(.ok, commands: spec.commands, exitStatus: 0)
            return ActionReport(.ok, "done")
        })
        #expect(report.ok)
        #expect(ActionLock.holder(stateDirectory: folder) == nil, "released")
        let records = AuditLog(stateDirectory: folder).recent(limit: 10)
        #expect(records.map(\.phase) == [.end, .start], "newest first")
        #expect(records.allSatisfy { $0.commands == spec.commands && $0.action == "restart" && $0.target == "api" })
        #expect(records[0].id == records[1].id)
    }

    @Test("a held lock: one refused record with the holder as its reason, and the body never runs")
    func heldLockRefuses() throws {
        let held = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "backup", identity: alice)
        defer { held.release() }
        let ran = Mutex(false)
        let report = ActionEnvelope(spec: spec, environment: environment).run(refused: { refusal in
            guard case .lockHeld(let error) = refusal else { return ActionReport(.failed, "\(refusal)") }
            return ActionReport(.refused, error.description)
        }, body: { _ in
            ran.withLock { $0 = true }
            return ActionReport(.ok, "ran")
        })
        #expect(report.outcome == .refused)
        #expect(report.message.contains("backup by alice@ops-1"))
        #expect(!ran.withLock { $0 })
        let records = AuditLog(stateDirectory: folder).recent(limit: 10)
        #expect(records.count == 1)
        #expect(records.first?.outcome == .refused && records.first?.commands == spec.commands)
        #expect(records.first?.error?.contains("backup by alice@ops-1") == true)
    }

    @Test("under a lock the caller holds: no second lock, the start record names the holder")
    func underHeldLock() throws {
        let held = try ActionLock.acquire(stateDirectory: folder, environment: "staging", action: "rehearsal", identity: alice)
        defer { held.release() }
        let envelope = ActionEnvelope(spec: spec, environment: environment, heldLock: held)
        _ = envelope.run(details: { envelope.lockDetails($0, takeover: true) }, refused: { _ in false }, body: { trail in
            try? trail.end(.ok, commands: spec.commands)
            return true
        })
        let start = AuditLog(stateDirectory: folder).recent(limit: 10).first { $0.phase == .start }
        #expect(start?.details["under_lock_of"] == .string("rehearsal"))
    }

    @Test("prepare's result ends the attempt under the lock, before any start record")
    func prepareEndsEarly() {
        let result = ActionEnvelope(spec: spec, environment: environment).run(refused: { _ in "refused" }, prepare: {
            ActionLock.holder(stateDirectory: folder) != nil ? "checked under the lock" : "no lock"
        }, body: { _ in "ran" })
        #expect(result == "checked under the lock")
        #expect(AuditLog(stateDirectory: folder).recent(limit: 10).isEmpty)
        #expect(ActionLock.holder(stateDirectory: folder) == nil)
    }

    @Test("a cancel before the runner registers is applied at registration; a signal without compensation cancels")
    func control() {
        let control = ActionControl()
        control.cancel(reason: "early")
        let seen = Mutex<[String]>([])
        control.onCancel { reason in seen.withLock { $0.append("cancel: \(reason)") } }
        #expect(seen.withLock { $0 } == ["cancel: early"])
        #expect(!control.stopCompensation(reason: "x"), "no compensation registered")
        control.interrupt(reason: "signal 15")
        #expect(seen.withLock { $0 } == ["cancel: early", "cancel: signal 15"])
        control.onCompensation(stop: { reason in seen.withLock { $0.append("stop: \(reason)") } },
                               interrupt: { reason in seen.withLock { $0.append("interrupt: \(reason)") } })
        control.interrupt(reason: "signal 2")
        #expect(control.stopCompensation(reason: "second c"))
        #expect(seen.withLock { $0 }.suffix(2) == ["interrupt: signal 2", "stop: second c"])
    }
}
